/**
 * The query of a route that takes no query parameters. Binding it with `@Query()` lets the global
 * validation pipe reject every parameter a caller sends, as on the routes that have some.
 */
export class NoQueryParametersDto {}
