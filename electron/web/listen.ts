// What `serve` and the app's browser access share: saying in Russian why the server could not listen,
// and the addresses it can be reached at.
import os from 'node:os';

export function listenProblem(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `Порт ${port} уже занят другой программой: укажите другой`;
  if (code === 'EACCES') return `Нет прав открыть порт ${port}: порты ниже 1024 — только для администратора системы`;
  if (code === 'EADDRNOTAVAIL') return `Адреса ${host} нет у этого компьютера`;
  return `Сервер не запущен: ${(error as Error).message}`;
}

/** This computer's addresses on the local network (what colleagues type in a browser). */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => Boolean(i) && i!.family === 'IPv4' && !i!.internal)
    .map((i) => i.address);
}
