/**
 * The peer: the same graph through an API that @neo4j/graphql generates from type definitions alone
 * (no custom Cypher), benchmark-only. Each type names its category label and `Entity`, so the
 * generated MATCH can use the same id and name indexes our queries use.
 */
export const peerTypeDefs = /* GraphQL */ `
  type Organization @node(labels: ["Organization", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    parents: [Organization!]! @relationship(type: "REPORTS_TO", direction: OUT)
    children: [Organization!]! @relationship(type: "REPORTS_TO", direction: IN)
    covers: [Place!]! @relationship(type: "COVERS", direction: OUT)
    governs: [Place!]! @relationship(type: "GOVERNS", direction: OUT)
  }

  type Place @node(labels: ["Place", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    parents: [Place!]! @relationship(type: "PART_OF", direction: OUT)
    children: [Place!]! @relationship(type: "PART_OF", direction: IN)
    governedBy: [Organization!]! @relationship(type: "GOVERNS", direction: IN)
    pairedBy: [Unit!]! @relationship(type: "PAIRED_WITH", direction: IN, properties: "Pairing")
  }

  type Pairing @relationshipProperties {
    id: ID!
    kind: String!
    status: String!
    validFrom: String
    validTo: String
  }

  type Unit @node(labels: ["Unit", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    chains: [IndustryChain!]! @relationship(type: "ON_CHAIN", direction: OUT)
  }

  type IndustryChain @node(labels: ["IndustryChain", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    leaders: [Role!]! @relationship(type: "LEADS", direction: IN)
    enterprises: [Unit!]! @relationship(type: "ON_CHAIN", direction: IN)
  }

  type Role @node(labels: ["Role", "Entity"]) {
    id: ID!
    name: String!
    holder: String
    heldWithin: [Organization!]! @relationship(type: "HELD_WITHIN", direction: OUT)
  }
`;
