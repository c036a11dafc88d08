import type { IResolvers } from 'mercurius';

export const graphResolvers: IResolvers = {
  Query: {
    graphSummary: async (_root, _args, { app }) => {
      const [row] = await app.store.read('graph/count-summary');
      return row;
    },
  },
};
