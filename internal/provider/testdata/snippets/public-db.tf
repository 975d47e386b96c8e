# Context of documentation snippets: the module input a precondition judges.
variable "public" {
  type    = bool
  default = false
}
