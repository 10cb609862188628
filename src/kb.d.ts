// Build-time artefacts of the knowledge base, reached through aliases set in vite.config.ts.
declare module '@kb/table' {
  const table: import('./shared/kb-types').DetectionTable;
  export default table;
}
declare module '@kb/infos' {
  const infos: import('./shared/kb-types').ArticleInfo[];
  export default infos;
}
declare module '@kb/meta' {
  const meta: import('./shared/kb-types').KnowledgeBaseMeta;
  export default meta;
}
