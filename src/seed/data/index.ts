export * from './types';
export { offices } from './offices';
export { teams } from './teams';
export { topics } from './topics';
export { services } from './services';
export { boundary, citizenNames, city, streets } from './places';
