#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "nn/random.h"

namespace {

std::vector<uint32_t> draws(uint64_t seed, int count) {
  nn::Random random(seed);
  std::vector<uint32_t> values(count);
  for (uint32_t& v : values)
    v = random.next_u32();
  return values;
}

}  // namespace

TEST_CASE("the same seed gives the same sequence", "[random]") {
  CHECK(draws(2024, 1000) == draws(2024, 1000));
  CHECK(draws(0, 100) == draws(0, 100));
}

TEST_CASE("different seeds give different sequences", "[random]") {
  const auto a = draws(1, 1000), b = draws(2, 1000);
  int equal = 0;
  for (int i = 0; i < 1000; ++i)
    equal += a[i] == b[i];
  CHECK(equal < 5);
}

TEST_CASE("a sequence does not repeat a short cycle", "[random]") {
  const auto values = draws(7, 10000);
  std::vector<uint32_t> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  // 10,000 draws from 2^32 values: a duplicate has probability ~1%; more than 2 means a flaw.
  const auto distinct = std::unique(sorted.begin(), sorted.end()) - sorted.begin();
  CHECK(distinct >= 9998);
}

TEST_CASE("below(n) stays below n and reaches every value evenly", "[random]") {
  nn::Random random(99);
  for (uint32_t bound : {1u, 2u, 3u, 10u, 1000u, 0x80000001u, 0xFFFFFFFFu}) {
    for (int i = 0; i < 2000; ++i)
      REQUIRE(random.below(bound) < bound);
  }
  std::vector<int> counts(6, 0);
  for (int i = 0; i < 60000; ++i)
    ++counts[random.below(6)];
  for (int count : counts) {
    CHECK(count > 9500);  // 10,000 expected; the standard deviation is about 91
    CHECK(count < 10500);
  }
}

TEST_CASE("uniform draws stay between low and high and spread over the range", "[random]") {
  nn::Random random(5);
  float smallest = 1.0f, largest = 0.0f;
  double sum = 0.0;
  for (int i = 0; i < 100000; ++i) {
    const float u = random.uniform01();
    REQUIRE(u >= 0.0f);
    REQUIRE(u < 1.0f);
    smallest = std::min(smallest, u);
    largest = std::max(largest, u);
    sum += u;
  }
  CHECK(smallest < 0.001f);
  CHECK(largest > 0.999f);
  CHECK(std::abs(sum / 100000 - 0.5) < 0.01);
  for (int i = 0; i < 1000; ++i) {
    const float v = random.uniform(-2.0f, 3.0f);
    REQUIRE(v >= -2.0f);
    REQUIRE(v < 3.0f);
  }
}

TEST_CASE("shuffle is a permutation", "[random]") {
  std::vector<int> values(1000);
  std::iota(values.begin(), values.end(), 0);
  nn::Random random(11);
  random.shuffle(values.begin(), values.end());

  std::vector<int> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> identity(1000);
  std::iota(identity.begin(), identity.end(), 0);
  CHECK(sorted == identity);
  // It moved things: a fixed point per element is expected once on average.
  int fixed = 0;
  for (int i = 0; i < 1000; ++i)
    fixed += values[i] == i;
  CHECK(fixed < 10);
}

TEST_CASE("shuffle is reproducible from the seed and differs between seeds", "[random]") {
  auto shuffled = [](uint64_t seed) {
    std::vector<int> values(100);
    std::iota(values.begin(), values.end(), 0);
    nn::Random random(seed);
    random.shuffle(values.begin(), values.end());
    return values;
  };
  CHECK(shuffled(3) == shuffled(3));
  CHECK(shuffled(3) != shuffled(4));
}

TEST_CASE("shuffle of zero or one element does nothing", "[random]") {
  nn::Random random(1);
  std::vector<int> empty;
  random.shuffle(empty.begin(), empty.end());
  CHECK(empty.empty());
  std::vector<int> one{42};
  random.shuffle(one.begin(), one.end());
  CHECK(one == std::vector<int>{42});
}

TEST_CASE("every position of a shuffle is equally likely to receive an element", "[random]") {
  // 3 elements, 6 permutations: each should appear about 1/6 of the time (Fisher-Yates done
  // wrong, e.g. swapping with any index, favours some permutations by up to 50%).
  std::vector<int> counts(6, 0);
  nn::Random random(17);
  for (int trial = 0; trial < 60000; ++trial) {
    int v[3] = {0, 1, 2};
    random.shuffle(v, v + 3);
    ++counts[v[0] * 2 + (v[1] > v[2] ? 1 : 0)];
  }
  for (int count : counts) {
    CHECK(count > 9500);
    CHECK(count < 10500);
  }
}
