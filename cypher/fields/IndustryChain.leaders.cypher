// field: IndustryChain.leaders
// in: c
// out: items
// params: none
// The compiled read path's IndustryChain.leaders, in place of its loader's chain/list-leaders: the same
// rule (cypher/fragments/chain-leaders.cypher) and columns, but of each role, LEADS link and organization
// only the properties the selection reads (ChainLeader: role and holder are the role's, sources, basis and
// basisNote the link's), not all of them.
// @use chain-leaders(c) -> leads
UNWIND leads AS x
WITH x[0] AS role, x[1] AS lead, x[2] AS org
RETURN collect({
    role: @project(role: roleEntity | role=name | holder=holder),
    link: @project(lead: sources=sourceDocuments+sourceQuotes | basis=basis | basisNote=basisNote),
    organization: @project(org: organization)
  }) AS items
