import { HomePage } from '@/components/home/home-page'

export default function OverviewPage() {
  return <HomePage />
}
