package io.gastown.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.gastown.model.BeadStore;
import io.gastown.model.Convoy;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.model.Witness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns the fabric8 CRD generator's output into the checked-in CRD: printer columns in the order
 * the model class declares them (the generator sorts them by name, which would put Age first),
 * written in the project's YAML style.
 */
final class CrdFiles {
  static final String REGENERATE =
      "mvn -B -pl generator -am test -Dtest=CrdDriftTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true";

  static final Map<String, Class<?>> MODEL =
      Map.of(
          "Rig", Rig.class,
          "Polecat", Polecat.class,
          "Convoy", Convoy.class,
          "Witness", Witness.class,
          "Refinery", Refinery.class,
          "BeadStore", BeadStore.class);

  private CrdFiles() {}

  static String normalize(String generatedYaml, Class<?> modelClass) {
    JsonNode crd = Serialization.readYaml(generatedYaml);
    List<String> declared = new ArrayList<>();
    for (AdditionalPrinterColumn column :
        modelClass.getAnnotationsByType(AdditionalPrinterColumn.class)) {
      declared.add(column.name());
    }
    for (JsonNode version : crd.path("spec").path("versions")) {
      JsonNode columns = version.get("additionalPrinterColumns");
      if (columns instanceof ArrayNode array) {
        List<JsonNode> sorted = new ArrayList<>();
        array.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(c -> declared.indexOf(c.path("name").asText())));
        array.removeAll();
        sorted.forEach(array::add);
        ((ObjectNode) version).set("additionalPrinterColumns", array);
      }
    }
    return "# Generated from "
        + modelClass.getName()
        + " by the fabric8 CRD generator. Do not edit.\n"
        + "# Regenerate: "
        + REGENERATE
        + "\n"
        + Serialization.toYaml(crd);
  }
}
