// Build-time artefacts of the knowledge base, reached through aliases set in vite.config.ts.
declare module '@kb/table' {
  const table: import('./shared/kb-types').DetectionTable;
  export default table;
}
declare module '@kb/meta' {
  const meta: import('./shared/kb-types').KnowledgeBaseMeta;
  export default meta;
}
