package io.gastown.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** Stuck-detection settings for a rig; the status reporter writes its summary. */
@Group(GasTown.GROUP)
@Version(GasTown.VERSION)
@Kind("Witness")
@Plural("witnesses")
@Categories(GasTown.CATEGORY)
@AdditionalPrinterColumn(
    name = "Rig",
    jsonPath = ".spec.rigRef",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Running",
    jsonPath = ".status.polecatsSummary.running",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Stuck",
    jsonPath = ".status.polecatsSummary.stuck",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Witness extends CustomResource<WitnessSpec, WitnessStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;
}
