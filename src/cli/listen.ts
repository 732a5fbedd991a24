import type { SaylauServer } from '../server/app.ts';
import { CliRefusal } from './cli-refusal.ts';

/**
 * The server listening at `host:port`, or a coded refusal when the address is taken or not the process's to take (a
 * port below 1024 without privileges): a person's choice of port, not a defect. The server is closed then, so that
 * nothing of it keeps the process alive.
 */
export async function listenOrRefuse(server: SaylauServer, host: string, port: number): Promise<string> {
  try {
    return await server.app.listen({ port, host });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw error;
    await server.close();
    throw new CliRefusal(
      code === 'EADDRINUSE' ? 'SERVE_ADDRESS_IN_USE' : 'SERVE_ADDRESS_UNAVAILABLE',
      {
        address: `${host}:${port}`,
      },
      '--port',
    );
  }
}
