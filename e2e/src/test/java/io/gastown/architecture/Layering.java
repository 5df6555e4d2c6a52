package io.gastown.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;

/**
 * The layering docs/architecture.md describes, as rules: the pure core depends on nothing of the
 * project but the model, and no product code depends on the test support or the local dev
 * environment.
 */
final class Layering {
  static final String PROJECT = "io.gastown..";
  static final String MODEL = "io.gastown.model..";

  static final ArchRule MODEL_IMPORTS_NO_OTHER_PROJECT_PACKAGE =
      onlyProjectDependencies(MODEL, MODEL);
  static final ArchRule EXPAND_ONLY_MODEL = onlyProjectDependencies("io.gastown.expand..", MODEL);
  static final ArchRule RENDER_ONLY_MODEL = onlyProjectDependencies("io.gastown.render..", MODEL);

  /**
   * Admission policy is judged on the effective values expand computes, so defaults keep one home.
   */
  static final ArchRule VALIDATION_ONLY_MODEL_AND_EXPAND =
      onlyProjectDependencies("io.gastown.validation..", MODEL, "io.gastown.expand..");

  /**
   * The template validator (kubectl gt template) is the validation core on rendered text, nothing
   * more.
   */
  static final ArchRule TEMPLATE_ONLY_MODEL_AND_VALIDATION =
      onlyProjectDependencies("io.gastown.template..", MODEL, "io.gastown.validation..");

  /**
   * The generation of a rig directory (the Argo CD plugin and kubectl gt render): pure, over the
   * core.
   */
  static final ArchRule GENERATE_ONLY_CORE =
      onlyProjectDependencies(
          "io.gastown.generate..", MODEL, "io.gastown.render..", "io.gastown.validation..");

  static final ArchRule STATUS_MODEL_ONLY_MODEL =
      onlyProjectDependencies("io.gastown.status.model..", MODEL);
  static final ArchRule PRODUCT_NEITHER_TEST_SUPPORT_NOR_DEV =
      noClasses()
          .that()
          .resideInAPackage(PROJECT)
          .and()
          .resideOutsideOfPackages("io.gastown.testing..", "io.gastown.dev..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.gastown.testing..", "io.gastown.dev..")
          .as(
              "no product module imports the test support (io.gastown.testing) or the dev environment (io.gastown.dev)");

  private Layering() {}

  /**
   * Classes in {@code layer} depend on no project class outside {@code layer} and {@code allowed}.
   */
  private static ArchRule onlyProjectDependencies(String layer, String... allowed) {
    String[] permitted = Stream.concat(Stream.of(layer), Stream.of(allowed)).toArray(String[]::new);
    return noClasses()
        .that()
        .resideInAPackage(layer)
        .should()
        .dependOnClassesThat(resideInAPackage(PROJECT).and(not(resideInAnyPackage(permitted))))
        .as(layer + " depends on no project package but " + String.join(", ", allowed));
  }
}
