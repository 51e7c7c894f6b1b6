import { TemplateGallery } from '@/components/templates/template-gallery'

export const metadata = { title: 'Templates · Relayflow' }

export default function TemplatesPage() {
  return <TemplateGallery />
}
