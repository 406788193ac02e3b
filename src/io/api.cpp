// Reading a decision from standard input, for the public API (remit/remit.hpp).
#include <iostream>

#include "check/limits.hpp"
#include "remit/remit.hpp"

namespace remit {

SourcePtr read_stdin_decision() {
  return std::make_shared<const SourceFile>("<stdin>", limits::read_decision_stream(std::cin));
}

}  // namespace remit
