/**
 * Training, for every model alike: {@link org.sae4j.train.Trainer} (data and start), {@link org.sae4j.train.TrainRun}
 * (epochs, checkpoints, roll-backs, a stop on request: {@link org.sae4j.train.TrainingStopped}),
 * {@link org.sae4j.train.TrainingStep} (the one step order) through a
 * {@link org.sae4j.train.StepEngine} and an {@link org.sae4j.train.Update}, {@link org.sae4j.train.TrainState} (the whole
 * state as named arrays, with merge rules for data-parallel rounds), schedules, dead latents and the sparsity
 * controller. Knows no file format (it saves through a {@link org.sae4j.train.CheckpointSink}) and no concrete model
 * class (it reads {@code Model.traits()}). Imports {@code model}, {@code data}, {@code optim}, {@code nn},
 * {@code tensor}, {@code eval}; never {@code io} or above.
 */
package org.sae4j.train;
