// The new user and new API token forms' role select, labelled "Role", offering the given roles.
import type { Role } from '@/server/auth/roles'

export function RoleField({
  id,
  roles,
  value,
  onValue,
}: {
  id: string
  roles: readonly Role[]
  value: Role
  onValue: (role: Role) => void
}) {
  return (
    <div className="form-row">
      <label htmlFor={id}>Role</label>
      <select id={id} value={value} onChange={(e) => onValue(e.target.value as Role)}>
        {roles.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
    </div>
  )
}
