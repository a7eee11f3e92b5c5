/** Port of the errors report; an abstract class so that it is its own injection token. */
export abstract class ErrorsRepository {}
