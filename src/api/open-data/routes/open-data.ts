/** The open data files (src/lib/open-data): public, no content type behind them. */
const route = (path: string, handler: string) => ({
  method: 'GET',
  path: `/open-data/${path}`,
  handler: `open-data.${handler}`,
  config: { policies: [] },
});

export default {
  routes: [
    route('reports.csv', 'reportsCsv'),
    route('reports.geojson', 'reportsGeojson'),
    route('surveys.csv', 'surveysCsv'),
    route('surveys.json', 'surveysJson'),
    route('schema', 'schema'),
  ],
};
