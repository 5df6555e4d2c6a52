package io.gastown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.template.Yamls;
import io.gastown.testing.Golden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked-in argocd-cm and ArgoCD CR patches are exactly what the Lua scripts render to. */
class ArgoCdSettingsTest {
  static final Path CUSTOMIZATIONS = Manifests.root().resolve("argocd/resource_customizations");
  final List<ArgoCdSettings.Customization> customizations = ArgoCdSettings.read(CUSTOMIZATIONS);

  @Test
  void argocdCmPatchIsCurrent() throws IOException {
    Golden.check(
        Manifests.root().resolve("argocd/argocd-cm-patch.yaml"),
        ArgoCdSettings.argocdCmPatch(customizations),
        ArgoCdSettings.REGENERATE);
  }

  @Test
  void argoCdCrPatchIsCurrent() throws IOException {
    Golden.check(
        Manifests.root().resolve("argocd/openshift-gitops/argocd-cr-patch.yaml"),
        ArgoCdSettings.argoCdCrPatch(customizations),
        ArgoCdSettings.REGENERATE);
  }

  @Test
  void coversPolecatConvoyAndRigHealthAndThePolecatNukeAction() {
    assertThat(customizations)
        .extracting(ArgoCdSettings.Customization::key)
        .contains(
            "gastown.gastown.io_Polecat", "gastown.gastown.io_Convoy", "gastown.gastown.io_Rig");
    assertThat(customizations)
        .allSatisfy(c -> assertThat(c.health()).as(c.key() + " health.lua").isNotNull());
    ArgoCdSettings.Customization polecat =
        customizations.stream().filter(c -> c.kind().equals("Polecat")).findFirst().orElseThrow();
    assertThat(polecat.actions()).extracting(ArgoCdSettings.Action::name).containsExactly("nuke");
  }

  @Test
  @SuppressWarnings("unchecked")
  void patchParsesBackToTheScripts() {
    Map<String, Object> cm =
        (Map<String, Object>) Yamls.loadAll(ArgoCdSettings.argocdCmPatch(customizations)).get(0);
    Map<String, Object> data = (Map<String, Object>) cm.get("data");
    for (ArgoCdSettings.Customization c : customizations) {
      assertThat(data.get("resource.customizations.health." + c.key())).isEqualTo(c.health());
    }
    Map<String, Object> actions =
        (Map<String, Object>)
            Yamls.loadAll(
                    (String) data.get("resource.customizations.actions.gastown.gastown.io_Polecat"))
                .get(0);
    assertThat(actions.get("discovery.lua")).isNotNull();
    assertThat((List<Map<String, Object>>) actions.get("definitions"))
        .singleElement()
        .satisfies(d -> assertThat(d).containsEntry("name", "nuke").containsKey("action.lua"));
  }

  @Test
  void everyScriptHasTestsInArgoCdsFormatAndEveryTestInputExists() throws IOException {
    for (ArgoCdSettings.Customization c : customizations) {
      Path kind = CUSTOMIZATIONS.resolve(c.group()).resolve(c.kind());
      List<LuaTestCases.HealthCase> health = LuaTestCases.health(kind);
      assertThat(health).as(c.key() + " health_test.yaml").hasSizeGreaterThanOrEqualTo(4);
      health.forEach(t -> assertThat(t.input()).exists());
      if (!c.actions().isEmpty()) {
        LuaTestCases.Actions actions = LuaTestCases.actions(kind);
        assertThat(actions.discovery()).isNotEmpty();
        assertThat(actions.actions())
            .extracting(LuaTestCases.ActionCase::action)
            .containsAll(c.actions().stream().map(ArgoCdSettings.Action::name).toList());
        actions.actions().forEach(t -> assertThat(t.input()).exists());
        actions.actions().forEach(t -> assertThat(t.expectedOutput()).exists());
      }
    }
  }

  @Test
  void scriptsUseOnlyWhatArgoCdsDefaultLuaSandboxOpens() {
    // Without resource.customizations.useOpenLibs only base, table and a safe os are opened: a
    // script using
    // string.* or math.* errors in production (Unknown health) even though Argo CD's own test suite
    // passes it.
    for (ArgoCdSettings.Customization c : customizations) {
      List<String> scripts = new java.util.ArrayList<>();
      scripts.add(c.health());
      if (c.discovery() != null) {
        scripts.add(c.discovery());
      }
      c.actions().forEach(a -> scripts.add(a.lua()));
      for (String script : scripts) {
        String code = script.replaceAll("--[^\n]*", "");
        assertThat(code)
            .as(c.key())
            .doesNotContain(
                "string.",
                "math.",
                "io.",
                ":sub(",
                ":find(",
                ":match(",
                ":gsub(",
                ":format(",
                ":len(",
                ":upper(",
                ":lower(");
      }
    }
  }
}
