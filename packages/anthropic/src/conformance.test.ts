import { describeProviderConformance } from '@switchyard-tooling/provider-conformance';
import { conformance } from './__fixtures__/conformance.js';

for (const target of conformance) describeProviderConformance(target);
