#pragma once
// What a provision does. Its own header because the grammar (grammar/parse.hpp)
// and the model (remit/scheme.hpp) both name it, and the grammar sees no more
// of the model than this.

namespace remit {

enum class ProvisionKind { power, escalation, reserved, requirement, prohibition, stand_in };

// Whether a provision of this kind gives authority over a decision: a power,
// an escalation or a reserved matter; not a requirement or a prohibition,
// nor a stand-in, which only lets one post act for another that has it.
constexpr bool gives_authority(ProvisionKind k) {
  return k == ProvisionKind::power || k == ProvisionKind::escalation || k == ProvisionKind::reserved;
}

// Whether a provision of this kind settles who may take a decision: one that
// gives authority, or a prohibition, which refuses it to every post. Where
// one of these is in effect there is no gap.
constexpr bool settles_authority(ProvisionKind k) { return gives_authority(k) || k == ProvisionKind::prohibition; }

}  // namespace remit
