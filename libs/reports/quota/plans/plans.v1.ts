import { PlanCatalog } from './plan.types';

/** The plans offered from the first release of quotas. */
export const PLANS_V1: PlanCatalog = {
  version: 1,
  defaultPlanId: 'free',
  plans: [
    {
      id: 'free',
      name: 'Free',
      products: {
        search: { includedTransactions: 2_500, limit: 'hard', creditsPerTransaction: 0 },
        routing: { includedTransactions: 2_500, limit: 'hard', creditsPerTransaction: 0 },
        maps: { includedTransactions: 5_000, limit: 'hard', creditsPerTransaction: 0 },
        traffic: { includedTransactions: 2_500, limit: 'hard', creditsPerTransaction: 0 },
        geolocation: { includedTransactions: 1_000, limit: 'hard', creditsPerTransaction: 0 },
        geofencing: { includedTransactions: 1_000, limit: 'hard', creditsPerTransaction: 0 },
      },
    },
    {
      id: 'pay-as-you-go',
      name: 'Pay as you go',
      products: {
        search: { includedTransactions: 50_000, limit: 'soft', creditsPerTransaction: 1 },
        routing: { includedTransactions: 50_000, limit: 'soft', creditsPerTransaction: 2 },
        maps: { includedTransactions: 100_000, limit: 'soft', creditsPerTransaction: 1 },
        traffic: { includedTransactions: 50_000, limit: 'soft', creditsPerTransaction: 1 },
        geolocation: { includedTransactions: 20_000, limit: 'soft', creditsPerTransaction: 1 },
        geofencing: { includedTransactions: 20_000, limit: 'soft', creditsPerTransaction: 2 },
      },
    },
    {
      id: 'enterprise',
      name: 'Enterprise',
      products: {
        search: { includedTransactions: 2_000_000, limit: 'soft', creditsPerTransaction: 1 },
        routing: { includedTransactions: 2_000_000, limit: 'soft', creditsPerTransaction: 1 },
        maps: { includedTransactions: 5_000_000, limit: 'soft', creditsPerTransaction: 1 },
        traffic: { includedTransactions: 2_000_000, limit: 'soft', creditsPerTransaction: 1 },
        geolocation: { includedTransactions: 1_000_000, limit: 'soft', creditsPerTransaction: 1 },
        geofencing: { includedTransactions: 1_000_000, limit: 'soft', creditsPerTransaction: 1 },
      },
    },
  ],
};
