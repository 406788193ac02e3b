#pragma once
// What a provision does. Its own header because the grammar (grammar/parse.hpp)
// and the model (remit/scheme.hpp) both name it, and the grammar sees no more
// of the model than this.

namespace remit {

enum class ProvisionKind { power, escalation, reserved, requirement, prohibition };

}  // namespace remit
