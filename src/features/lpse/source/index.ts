/** LPSE tender sources: the normalised tender type, the SPSE website and ISB adapters, and their parsers. */
export type { Stage, Tender, TenderDetail, TenderKind, TenderOrigin, TenderSource } from './tender.js';
export { SourceFormatError, SourceUnavailableError } from './errors.js';
export { parseMoney } from './money.js';
export { parseIndonesianDateTime, parseWibTimestamp } from './indonesian-date.js';
export { stripBadges } from './html-text.js';
export { parseDataTablesRow, parseDataTablesRows, spseDetailUrl, type SpseList } from './dt-rows.js';
export { parseHomepage } from './homepage.js';
export { parseAnnouncementPage } from './announcement-page.js';
export { parseSchedulePage } from './jadwal-page.js';
export { currentStage, deadlinesFromSchedule, isOpenStage } from './tender-stage.js';
export { detectSpseErrorPage } from './spse-page-check.js';
export { PoliteHttp, type PoliteHttpOptions } from './polite-http.js';
export { SpseClient, type SpseClientOptions } from './spse-client.js';
export { IsbClient, endpointTemplate, type IsbClientOptions, type IsbEndpoints } from './isb-client.js';
