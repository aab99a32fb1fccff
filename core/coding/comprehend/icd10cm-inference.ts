/**
 * The part of an Amazon Comprehend Medical InferICD10CM answer the coder reads, declared here so core stays free of
 * the AWS SDK (the design's import rule). The SDK's `InferICD10CMResponse` is structurally assignable to
 * `Icd10CmInference`: the adapter in functions/common passes the service's answer through unchanged, and a field the
 * service renames shows up as a type error there, at the edge, not inside the coder.
 */

export interface Icd10CmInferenceTrait {
  Name?: string;
  Score?: number;
}

export interface Icd10CmInferenceConcept {
  Code?: string;
  Description?: string;
  Score?: number;
}

export interface Icd10CmInferenceEntity {
  Id?: number;
  Text?: string;
  Category?: string;
  Type?: string;
  Score?: number;
  BeginOffset?: number;
  EndOffset?: number;
  Traits?: readonly Icd10CmInferenceTrait[];
  ICD10CMConcepts?: readonly Icd10CmInferenceConcept[];
}

export interface Icd10CmInference {
  Entities?: readonly Icd10CmInferenceEntity[];
  ModelVersion?: string;
}
