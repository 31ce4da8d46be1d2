// The import record (fingerprint, importedAt epoch millis), if any.
OPTIONAL MATCH (m:LeadRouterMeta {key: 'graph'})
RETURN m.fingerprint AS fingerprint, m.importedAt AS importedAt
