/**
 * The peer: the same graph through an API that @neo4j/graphql generates from type definitions alone
 * (no custom Cypher), benchmark-only. Each type names its category label and `Entity`, so the
 * generated MATCH can use the same id and name indexes our queries use. The relationship fields
 * follow what ours follow (server/related-fields.ts): an organization's places are `covers` and
 * `governs` together (ours: COVERS|GOVERNS), a village's pairings come from any partner, a unit or a
 * community (`PairingPartner`), and `synthetic` is there so the peer can sort as ours does
 * (documented first, then name, then id).
 */
export const peerTypeDefs = /* GraphQL */ `
  type Organization @node(labels: ["Organization", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    synthetic: Boolean
    parents: [Organization!]! @relationship(type: "REPORTS_TO", direction: OUT)
    children: [Organization!]! @relationship(type: "REPORTS_TO", direction: IN)
    covers: [Place!]! @relationship(type: "COVERS", direction: OUT)
    governs: [Place!]! @relationship(type: "GOVERNS", direction: OUT)
  }

  type Place @node(labels: ["Place", "Entity"]) {
    id: ID!
    name: String!
    kind: String!
    synthetic: Boolean
    parents: [Place!]! @relationship(type: "PART_OF", direction: OUT)
    children: [Place!]! @relationship(type: "PART_OF", direction: IN)
    governedBy: [Organization!]! @relationship(type: "GOVERNS", direction: IN)
    pairedBy: [PairingPartner!]! @relationship(type: "PAIRED_WITH", direction: IN, properties: "Pairing")
  }

  union PairingPartner = Unit | Place

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
    synthetic: Boolean
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
