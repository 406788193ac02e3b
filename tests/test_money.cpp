#include <catch2/catch.hpp>

#include "remit/money.hpp"

TEST_CASE("placeholder") { CHECK(remit::read_money("£1").value->pence == 100); }
