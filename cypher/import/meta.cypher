// Records the imported dataset's fingerprint and time, so a graph unchanged since import keeps the dataset's
// graph version. $fingerprint, $now (epoch millis).
MERGE (m:LeadRouterMeta {key: 'graph'})
SET m.fingerprint = $fingerprint, m.importedAt = $now, m.updatedAt = $now
