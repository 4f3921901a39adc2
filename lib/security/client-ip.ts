/**
 * The client's address as our server saw it (the TCP peer, not X-Forwarded-For,
 * which any client can write). server.ts overwrites this request header on every
 * request, so a value a client sends itself never survives.
 */
export const CLIENT_IP_HEADER = "x-compose-parity-client-ip";
