// One block of the home page: a titled region (tests and screen readers find it by its title), an
// optional figure or link beside the title, and its content.
import type { ReactNode } from 'react'
import styles from './home.module.css'

export function HomePanel({
  id,
  title,
  aside,
  wide,
  children,
}: {
  id: string
  title: string
  aside?: ReactNode
  wide?: boolean
  children: ReactNode
}) {
  return (
    <section className={`card ${styles.panel} ${wide ? styles.wide : ''}`} aria-labelledby={`${id}-title`}>
      <div className={styles.panelHead}>
        <h2 id={`${id}-title`}>{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  )
}
