#pragma once
// Great-circle distances (km) between the airports of tests/cpp/fixtures/flights/airports.yaml,
// worked independently in Python (haversine on R = 6371.0088 km): the expected values of the flight
// tests (test_flights.cpp, test_inventory_flights.cpp).

namespace ghgkit_test::flights {

constexpr double kLhrJfk = 5539.651709269466;
constexpr double kLhrEdi = 533.5309601275235;
constexpr double kLhrCdg = 347.16780987883266;
constexpr double kCdgLys = 412.4377211273641;
constexpr double kCdgJfk = 5833.657744181708;
constexpr double kLhrAmm = 3683.0257798495236;
constexpr double kManTlv = 3785.0646767185513;

}  // namespace ghgkit_test::flights
