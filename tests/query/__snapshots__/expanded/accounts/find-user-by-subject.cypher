// Who signs in through the identity provider as this subject? (schema/constraints.cypher keeps one
// account per issuer and subject.) The account as the OIDC callback reads it.
// $issuer: String; $subject: String
MATCH (u:User {oidcIssuer: $issuer, oidcSubject: $subject})
RETURN u {.*} AS user
