/** A fetch that answers from a table of `"METHOD /path"` → response and records every request it saw. */
export interface FakeServer {
  fetch: (request: Request) => Promise<Response>;
  requests: Request[];
}

export type Answer = { status: number; body?: unknown; text?: string };

export function json(status: number, body: unknown): Answer {
  return { status, body };
}

export function fakeServer(routes: Record<string, Answer>): FakeServer {
  const requests: Request[] = [];
  return {
    requests,
    fetch: async (request) => {
      requests.push(request);
      const url = new URL(request.url);
      const answer = routes[`${request.method} ${url.pathname}`];
      if (!answer) throw new Error(`fake server: no route for ${request.method} ${url.pathname}`);
      if (answer.text !== undefined) {
        return new Response(answer.text, { status: answer.status, headers: { "Content-Type": "text/html" } });
      }
      if (answer.body === undefined) return new Response(null, { status: answer.status });
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { "Content-Type": "application/json" },
      });
    },
  };
}
