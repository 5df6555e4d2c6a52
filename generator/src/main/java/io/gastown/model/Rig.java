package io.gastown.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A project repository that polecats work on (cluster-scoped), with the defaults for its polecats.
 */
@Group(GasTown.GROUP)
@Version(GasTown.VERSION)
@Kind("Rig")
@Plural("rigs")
@Categories(GasTown.CATEGORY)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Prefix",
    jsonPath = ".spec.beadsPrefix",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Polecats",
    jsonPath = ".status.polecatCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Convoys",
    jsonPath = ".status.activeConvoys",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Rig extends CustomResource<RigSpec, RigStatus> {
  private static final long serialVersionUID = 1L;
}
