"""hairsim: a population of scalp hair follicles cycling through anagen, catagen, telogen and kenogen."""
