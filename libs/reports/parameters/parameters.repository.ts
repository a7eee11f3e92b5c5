/** Port of the parameters report; an abstract class so that it is its own injection token. */
export abstract class ParametersRepository {}
