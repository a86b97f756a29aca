/** The UI's languages (zh-CN first); also the Accept-Language the API is asked for. */
export type Locale = 'zh-CN' | 'en';
