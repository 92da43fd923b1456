import pg from "pg";

// Rendered for every request, like Homeward's pages, from rows read with pg at that moment.
export const dynamic = "force-dynamic";

const holder = globalThis;
const pool = () => (holder.barePool ??= new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 10 }));

export default async function Page() {
  const { rows } = await pool().query(
    `SELECT e."id", c."firstName", c."lastName", e."stage", e."discoveredAt"
       FROM "Episode" e JOIN "Child" c ON c."id" = e."childId"
      ORDER BY e."createdAt" DESC LIMIT 50`,
  );
  return (
    <main>
      <h1>Episodes</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Child</th>
            <th scope="col">Stage</th>
            <th scope="col">Discovered</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                {row.firstName} {row.lastName}
              </td>
              <td>{row.stage}</td>
              <td>{row.discoveredAt ? row.discoveredAt.toISOString() : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
