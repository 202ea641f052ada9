"""The multi-task network: one shared encoder pass, one linear head per task."""
from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn
from torch.nn import functional as F

from framing.tasks import Task

#: Value marking a missing single-label target (ignored by the loss).
IGNORE_INDEX = -100


class FramingModel(nn.Module):
    """Shared encoder + pooled representation + one head per task.

    ``forward`` returns ``{"loss": ..., "logits_<task>": ...}``. Labels are passed as ``labels_<task>``:
    a LongTensor of class ids (``-100`` = missing) for single-label tasks, a FloatTensor of 0/1 rows for
    multi-label tasks where a row of ``-1`` marks a missing annotation. Missing annotations are masked
    out of that task's loss, so data annotated for different tasks can be mixed in one batch.
    """

    def __init__(
        self,
        encoder: nn.Module,
        tasks: Sequence[Task],
        pooling: str = "mean",
        dropout: float = 0.1,
        loss_weights: dict[str, float] | None = None,
        class_weights: dict[str, torch.Tensor] | None = None,
    ) -> None:
        super().__init__()
        self.encoder = encoder
        self.pooling = pooling
        self.task_kinds = {t.name: t.kind for t in tasks}
        hidden = int(encoder.config.hidden_size)
        self.dropout = nn.Dropout(dropout)
        self.heads = nn.ModuleDict({t.name: nn.Linear(hidden, t.num_labels) for t in tasks})
        self.loss_weights = dict(loss_weights or {})
        self.distill_alpha = 0.5
        self.class_weights = {k: v.float() for k, v in (class_weights or {}).items()}

    def pool(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        if self.pooling == "cls":
            return hidden[:, 0]
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        **labels: torch.Tensor,
    ) -> dict[str, torch.Tensor]:
        return self.head_forward(self.pool(input_ids, attention_mask), **labels)

    def head_forward(self, pooled: torch.Tensor, **labels: torch.Tensor) -> dict[str, torch.Tensor]:
        """Heads and losses from pooled features (also used to train heads over cached features).

        ``labels_<task>`` are gold targets; ``soft_<task>`` are a teacher's probabilities
        (distillation), mixed as ``(1 - distill_alpha) * gold + distill_alpha * soft``.
        """
        pooled = self.dropout(pooled)
        out: dict[str, torch.Tensor] = {}
        losses: list[torch.Tensor] = []
        alpha = self.distill_alpha
        for name, head in self.heads.items():
            logits = head(pooled)
            out[f"logits_{name}"] = logits
            target = labels.get(f"labels_{name}")
            soft = labels.get(f"soft_{name}")
            loss = self._task_loss(name, logits, target) if target is not None else None
            if soft is not None:
                soft_loss = self._soft_loss(name, logits, soft)
                loss = alpha * soft_loss if loss is None else (1 - alpha) * loss + alpha * soft_loss
            if loss is not None:
                losses.append(loss * self.loss_weights.get(name, 1.0))
        if losses:
            out = {"loss": torch.stack(losses).sum(), **out}
        elif labels:
            # A batch where no row is annotated for any task: a zero that keeps the graph connected.
            out = {"loss": sum(v.sum() for v in out.values()) * 0.0, **out}
        return out

    def _soft_loss(self, name: str, logits: torch.Tensor, soft: torch.Tensor) -> torch.Tensor:
        soft = soft.to(logits.dtype)
        if self.task_kinds[name] == "single_label":
            return -(soft * F.log_softmax(logits, dim=-1)).sum(-1).mean()
        return F.binary_cross_entropy_with_logits(logits, soft)

    def _task_loss(self, name: str, logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor | None:
        weight = self.class_weights.get(name)
        if weight is not None:
            weight = weight.to(logits.device)
        if self.task_kinds[name] == "single_label":
            target = target.long()
            if not (target != IGNORE_INDEX).any():
                return None
            return F.cross_entropy(logits, target, weight=weight, ignore_index=IGNORE_INDEX)
        keep = target[:, 0] >= 0
        if not keep.any():
            return None
        return F.binary_cross_entropy_with_logits(
            logits[keep], target[keep].to(logits.dtype), pos_weight=weight
        )
