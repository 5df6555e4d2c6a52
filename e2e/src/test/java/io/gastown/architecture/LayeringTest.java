package io.gastown.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.gastown.model.WrongImportFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering holds for every production class of every module (this module sees them all), and
 * each rule does fail on a deliberate wrong import ({@link WrongImportFixture}, a test class in
 * io.gastown.model importing render).
 */
class LayeringTest {
  static final List<ArchRule> RULES =
      List.of(
          Layering.MODEL_IMPORTS_NO_OTHER_PROJECT_PACKAGE,
          Layering.EXPAND_ONLY_MODEL,
          Layering.RENDER_ONLY_MODEL,
          Layering.VALIDATION_ONLY_MODEL_AND_EXPAND,
          Layering.TEMPLATE_ONLY_MODEL_AND_VALIDATION,
          Layering.GENERATE_ONLY_CORE,
          Layering.STATUS_MODEL_ONLY_MODEL,
          Layering.PRODUCT_NEITHER_TEST_SUPPORT_NOR_DEV);

  @Test
  void productionClassesKeepTheLayering() {
    JavaClasses production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gastown");
    assertThat(production.contain(io.gastown.status.model.PodFacts.class))
        .as("all modules imported")
        .isTrue();
    assertThat(production.contain(io.gastown.cli.GtCommand.class)).isTrue();
    RULES.forEach(rule -> rule.check(production));
  }

  @Test
  void aModelClassImportingRenderBreaksTheModelRule() {
    JavaClasses fixture = new ClassFileImporter().importClasses(WrongImportFixture.class);

    assertThat(Layering.MODEL_IMPORTS_NO_OTHER_PROJECT_PACKAGE.evaluate(fixture).hasViolation())
        .isTrue();
    assertThat(
            Layering.MODEL_IMPORTS_NO_OTHER_PROJECT_PACKAGE
                .evaluate(fixture)
                .getFailureReport()
                .toString())
        .contains("WrongImportFixture")
        .contains("io.gastown.render.PolecatManifests");
  }

  @Test
  void aProductClassImportingTestSupportBreaksTheProductRule() {
    JavaClasses fixture = new ClassFileImporter().importClasses(WrongImportFixture.class);

    assertThat(Layering.PRODUCT_NEITHER_TEST_SUPPORT_NOR_DEV.evaluate(fixture).hasViolation())
        .isTrue();
  }
}
