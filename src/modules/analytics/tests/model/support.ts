import { buildFeatureMatrix, EMERGENCY_ADMISSION_FEATURES, type ModelExample } from '../../domain/model/features.ts';
import { planModelWindows, trainEmergencyAdmissionModel, type EmergencyAdmissionModel, type ModelDataSet } from '../../domain/model/model-version.ts';
import { seededRandom, simulatePerson } from './simulate.ts';

export const SCORING_DATE = '2025-03-31';

/** One simulated year of people with their outcomes. */
export function simulateYear(n: number, asOf: string, seed: number): ModelExample[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => simulatePerson(random, i + 1, asOf));
}

export function dataSet(examples: ModelExample[], featuresAsOf: string, outcomeTo: string): ModelDataSet {
  return { featuresAsOf, outcomeTo, ...buildFeatureMatrix(EMERGENCY_ADMISSION_FEATURES, examples) };
}

/** A model trained on two simulated years, as the stratification would train one. */
export function trainSimulatedModel(n = 4_000): { model: EmergencyAdmissionModel; validation: ModelDataSet; validationExamples: ModelExample[] } {
  const w = planModelWindows(SCORING_DATE);
  const trainingExamples = simulateYear(n, w.trainingFeaturesAsOf, 1);
  const validationExamples = simulateYear(n, w.validationFeaturesAsOf, 2);
  const validation = dataSet(validationExamples, w.validationFeaturesAsOf, w.validationOutcomeTo);
  const model = trainEmergencyAdmissionModel(dataSet(trainingExamples, w.trainingFeaturesAsOf, w.trainingOutcomeTo), validation, {
    createdAt: '2025-04-01T09:00:00.000Z',
  });
  return { model, validation, validationExamples };
}
