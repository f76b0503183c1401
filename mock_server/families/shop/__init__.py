"""TikTok Shop (tiktok-api.md §4): seller authorization, Shop tokens, request
signing and the Partner APIs. Besides the family's usual modules (fixture,
state, rules, routes, errors, control), its rules are split by API group
(orders, catalog, finance, logistics, fulfillment) and its routes by surface
(auth: pages and token endpoints; partner: the signed-call gate; endpoints:
the table of Partner APIs)."""
