#pragma once
// What a provision does. Its own header because the grammar (grammar/parse.hpp)
// and the model (remit/scheme.hpp) both name it, and the grammar sees no more
// of the model than this.

namespace remit {

enum class ProvisionKind { power, escalation, reserved, requirement, stand_in };

// Whether a provision of this kind gives authority over a decision: a power,
// an escalation or a reserved matter; not a requirement, nor a stand-in,
// which only lets one post act for another that has it.
constexpr bool gives_authority(ProvisionKind k) {
  return k == ProvisionKind::power || k == ProvisionKind::escalation || k == ProvisionKind::reserved;
}

}  // namespace remit
