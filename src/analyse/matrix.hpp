#pragma once
// The authority matrix of one version (`remit matrix`): for each decision
// kind and value band, the lowest post that may approve in the usual case,
// who else may, the paragraphs that say so, and the cases on other facts in
// which someone else is the lowest ("when novel: DMPC"). Drawn from the rules
// cell by cell, so the published table and the rules cannot drift apart.
#include <string>
#include <vector>

#include "analyse/tabulate.hpp"

namespace remit::analyse {

struct MatrixCase {
  std::string when;  // a condition in the rule language
  Answer answer;
};

struct MatrixRow {
  std::string band;  // "up to £500,000", "any amount"
  Answer usual;      // with every flag false
  std::vector<MatrixCase> exceptions;
};

struct MatrixKind {
  std::string kind;
  std::string label;  // the kind's label, or its identifier when it has none
  std::vector<MatrixRow> rows;
  std::string error;  // a kind too large to tabulate
};

struct Matrix {
  const Version* version = nullptr;
  std::string band_fact;  // the money fact the bands are drawn on ("amount"), or empty
  std::vector<MatrixKind> kinds;
  // The papers every row asks for, when they are the same for all (else each
  // row's answer has its own).
  std::optional<std::vector<std::string>> common_papers;
};

// Kinds of more than `limit` cells are not tabulated (MatrixKind::error).
Matrix build_matrix(const Version& v, std::size_t limit);

// Whether two answers name the same posts (the lowest and the others).
bool same_posts(const Answer& a, const Answer& b);
bool same_authority(const Answer& a, const Answer& b);
bool same_answer(const Answer& a, const Answer& b);

}  // namespace remit::analyse
