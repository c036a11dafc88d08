import type { IResolvers } from 'mercurius';

export const API_VERSION = '0.1.0';

export const graphResolvers: IResolvers = {
  Query: {
    version: () => API_VERSION,
    graphSummary: async (_root, _args, { app }) => {
      const [row] = await app.store.read('graph/count-summary');
      return row;
    },
  },
};
