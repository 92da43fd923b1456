import net from "node:net";
import { LaunchError } from "./launch-error";

function canListen(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if ((await canListen(port, "127.0.0.1")) && (await canListen(port))) return port;
  }
  throw new LaunchError(`No free port found between ${from} and ${from + 199}.`);
}

export async function assertPortFree(port: number): Promise<void> {
  if (!(await canListen(port))) {
    throw new LaunchError(`Port ${port} is already in use. Stop whatever is using it, or choose another port: PORT=${port + 1} npm start`);
  }
}
