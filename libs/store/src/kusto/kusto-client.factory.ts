import { DefaultAzureCredential } from '@azure/identity';
import {
  Client,
  KustoConnectionStringBuilder,
  kustoTrustedEndpoints,
  MatchRule,
} from 'azure-kusto-data';
import { KustoSettings } from './kusto-settings';

/**
 * Creates the azure-kusto-data client for the settings. A bare URL gives an unauthenticated
 * client, which the emulator and the protocol stub need. The trusted hosts are added to the
 * SDK's process-wide list, because the SDK refuses other hosts than the Azure suffixes and loopback.
 */
export function createKustoClient(settings: KustoSettings): Client {
  if (settings.trustedHosts.length > 0) {
    kustoTrustedEndpoints.addTrustedHosts(
      settings.trustedHosts.map((host) => new MatchRule(host, true)),
      false,
    );
  }

  return new Client(connectionStringOf(settings));
}

function connectionStringOf(settings: KustoSettings): string | KustoConnectionStringBuilder {
  const { clusterUrl, auth } = settings;
  switch (auth.mode) {
    case 'none':
      return clusterUrl;
    case 'managed-identity':
      return auth.clientId
        ? KustoConnectionStringBuilder.withUserManagedIdentity(clusterUrl, auth.clientId)
        : KustoConnectionStringBuilder.withSystemManagedIdentity(clusterUrl);
    case 'default-credential':
      // DefaultAzureCredential covers workload identity, managed identity, environment
      // variables and a developer's Azure CLI login, tried in that library's order.
      return KustoConnectionStringBuilder.withTokenCredential(
        clusterUrl,
        new DefaultAzureCredential(),
      );
    case 'app-key':
      return KustoConnectionStringBuilder.withAadApplicationKeyAuthentication(
        clusterUrl,
        auth.appId,
        auth.appKey,
        auth.tenantId,
      );
  }
}
