# Installs the library, headers, shipped factors and a CMake package for find_package(ghgkit).
include(CMakePackageConfigHelpers)

set(GHGKIT_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/ghgkit")

if(NOT SKBUILD)
  install(TARGETS ghgkit EXPORT ghgkitTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(DIRECTORY include/ghgkit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(DIRECTORY factors/ DESTINATION ${GHGKIT_FACTORS_INSTALL_DIR}
          FILES_MATCHING PATTERN "*.yaml" PATTERN "*.yml" PATTERN "*.json" PATTERN "*.md")
  install(EXPORT ghgkitTargets NAMESPACE ghgkit:: DESTINATION ${GHGKIT_INSTALL_CMAKEDIR})

  configure_package_config_file(cmake/ghgkitConfig.cmake.in
                                "${CMAKE_CURRENT_BINARY_DIR}/ghgkitConfig.cmake"
                                INSTALL_DESTINATION ${GHGKIT_INSTALL_CMAKEDIR}
                                PATH_VARS GHGKIT_FACTORS_INSTALL_DIR)
  write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/ghgkitConfigVersion.cmake"
                                   COMPATIBILITY SameMinorVersion)
  install(FILES "${CMAKE_CURRENT_BINARY_DIR}/ghgkitConfig.cmake"
                "${CMAKE_CURRENT_BINARY_DIR}/ghgkitConfigVersion.cmake"
          DESTINATION ${GHGKIT_INSTALL_CMAKEDIR})
endif()
