export { InvalidInput, describeValue } from './invalid-input';
