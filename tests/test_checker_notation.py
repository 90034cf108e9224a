"""Every notation the checker once misread, read as textbooks and students write it.

Each case is a short derivation in one notation: written correctly it must hold (no step
fails, none is unreadable), and, where a case gives one, the same text with one slip must
fail on the slip's line. The cases are the constructs of CS231n, Goodfellow et al., Bishop,
Ng's course, Nielsen's book, the Matrix Cookbook and lecture notes; the checker must read
them by its general rules (labels, primes, prose, scope), which these cases exercise.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from concurrent.futures import ProcessPoolExecutor

import pytest

import backprop as bp

pytest.importorskip("lark")

# (id, derivation, (correct text, wrong text) to swap for the failing variant, or None)
CASES = [
    # -- read since the hundred and twenty-eighth corpus --
    ("a_row_of_numerals_set_apart_by_wide_spaces_is_a_row",
     # (−0,32 \;\; 0,24): two numerals side by side are never a product, and the gradient
     # 2,2 · (…) was read as a number, a ✗
     "Mit $W = (0{,}6 \\;\\; 0{,}8)$ und $r = (-0{,}32 \\;\\; 0{,}24)$ ist\n\n"
     "$$-2 \\cdot 2{,}2 \\cdot (-0{,}32 \\;\\; 0{,}24) = (1{,}408 \\;\\; -1{,}056).$$\n",
     ("= (1{,}408 \\;\\; -1{,}056)", "= (1{,}408 \\;\\; 1{,}056)")),
    ("a_probability_vector_applied_to_a_number_is_its_entry",
     # π = (0,7; 0,3) over two actions, then π(1): the constant π times 1 was read, a ✗
     "Two actions; the policy is $\\pi = (0{,}7;\\ 0{,}3)$ and the ratio $r = 1{,}1$.\n\n"
     "$$r\\,(1 - \\pi(1)) = 1{,}1 \\cdot 0{,}3 = 0{,}33 .$$\n",
     ("= 1{,}1 \\cdot 0{,}3 =", "= 1{,}1 \\cdot 0{,}7 =")),
    ("a_member_of_a_family_the_text_defines_is_not_chosen_apart",
     # "we choose β_t = 0,1·t, so β_1 = 0,1 to β_5 = 0,5": the two members were choices of
     # their own, β drawn between them, and α_2(1 − α_1) a ✗
     "Es sei $\\alpha_t = 1 - \\beta_t$. Wir wählen $\\beta_t = 0{,}1\\cdot t$, also "
     "$\\beta_1 = 0{,}1$ bis $\\beta_5 = 0{,}5$.\n\n"
     "Bei $t = 2$: $\\alpha_2(1 - \\alpha_1) = 0{,}8 \\cdot 0{,}1 = 0{,}08$.\n",
     ("= 0{,}8 \\cdot 0{,}1 =", "= 0{,}8 \\cdot 0{,}2 =")),
    ("a_value_made_in_one_case_of_a_name_ends_where_another_case_begins",
     # "with λ = 0: Â_t = δ_t"; "with λ = 1: Â_0 = δ_0 + γδ_1": the first case's Â reached
     # into the second, a ✗
     "GAE has two extreme cases, $\\lambda = 0$ and $\\lambda = 1$. Let "
     "$\\delta_0 = -0{,}75$, $\\delta_1 = 0{,}5$ and $\\gamma = 0{,}5$.\n\n"
     "**Case $\\lambda = 0$.** Only the first term is left: $\\hat A_t = \\delta_t$.\n\n"
     "**Case $\\lambda = 1$.**\n\n"
     "$$\\hat A_0 = \\delta_0 + \\gamma\\,\\delta_1 = -0{,}75 + 0{,}25 = -0{,}5 .$$\n",
     ("= -0{,}75 + 0{,}25 =", "= -0{,}75 + 0{,}5 =")),
    ("a_recurrence_run_backwards_gives_its_earlier_members",
     # Â_t = δ_t + γλ Â_{t+1}, then Â_1 = δ_1 + 0,9 Â_2 with γ for γλ: the members were
     # definitions of their own, and the slip went unseen
     "Advantages run backwards: $A_t = d_t + 0.5\\,A_{t+1}$, with $d_0 = 1$ and $d_1 = 2$.\n\n"
     "$$A_1 = d_1 = 2$$\n\n$$A_0 = d_0 + 0.5 \\cdot A_1 = 2$$\n",
     ("0.5 \\cdot A_1 = 2$$", "0.9 \\cdot A_1 = 2.8$$")),
    ("a_scale_word_after_a_number_in_turkish_scales_it",
     # "64 milyon": read as 64, a ✗ on a correct count
     "Yoğun bir matrisle çarpım $1000^2\\cdot 64 = 64$ milyon çarpma gerektirir.\n",
     ("1000^2\\cdot 64 = 64$ milyon", "1000^2\\cdot 64 = 6{,}4$ milyon")),
    # -- read since the hundred and twentieth corpus --
    ("a_name_set_to_a_function_in_an_example_s_list_is_that_function",
     # h = tanh among the example's values: "line 3 gives h numbers: its value at the
     # example's point, or h anew?", and h'(0.5) went unread
     "The flow is $f(z) = z + u\\,h(w^\\top z + b)$, with $h$ a smooth nonlinearity.\n\n"
     "Let $z = (0.3, 0.4)^\\top$, $w = (1, 0.5)^\\top$, $u = (0.6, -0.2)^\\top$, $b = 0$, "
     "$h = \\tanh$.\n\nThen $h'(a) = 1 - \\tanh^2 a$, so\n\n"
     "$$h'(0.5) = 1 - 0.4621^2 \\approx 0.7865 .$$\n",
     ("1 - 0.4621^2 \\approx 0.7865", "1 - 0.4621 \\approx 0.5379")),
    ("an_identity_subscripted_by_a_size_letter_is_the_identity",
     # I_D with z ∈ ℝ^D: I_D was drawn as a number, and a correct Jacobian a ✗
     "A planar flow maps $z\\in\\mathbb{R}^D$ to $f(z) = z + u\\, h(w^\\top z + b)$, where "
     "$u, w\\in\\mathbb{R}^D$, $b\\in\\mathbb{R}$ and $h = \\tanh$. The Jacobian is\n\n"
     "$$\\frac{\\partial f}{\\partial z} = I_D + u\\, h'(w^\\top z + b)\\, w^\\top .$$\n",
     ("= I_D + u\\, h'(w^\\top z + b)\\, w^\\top", "= I_D + w\\, h'(w^\\top z + b)\\, u^\\top")),
    ("an_upright_d_is_the_differential_where_d_is_also_a_size",
     # 2r dr = (2/d) Σ_k x_k dx_k with x ∈ ℝ^d: \\mathrm d was read as the size d, a ✗
     "Let $x\\in\\mathbb R^d$ and $r = \\sqrt{\\frac1d\\,x^{\\top}x + \\varepsilon}$. From "
     "$r^2 = \\frac1d\\sum_k x_k^2 + \\varepsilon$,\n\n"
     "$$2r\\,\\mathrm dr = \\frac2d\\sum_k x_k\\,\\mathrm dx_k .$$\n",
     ("= \\frac2d\\sum_k x_k\\,\\mathrm dx_k", "= \\frac1d\\sum_k x_k\\,\\mathrm dx_k")),
    ("a_variance_per_index_is_a_family_of_squares",
     # σ_j² = (1/N) Σ_i (X_ij − μ_j)² with σ never applied: read as the sigmoid's entry j
     # squared, a ✗
     "A batch-norm layer receives $X\\in\\mathbb R^{N\\times D}$; for each column $j$\n\n"
     "$$\\mu_j = \\frac1N\\sum_{i=1}^N X_{ij},\\qquad "
     "\\sigma_j^2 = \\frac1N\\sum_{i=1}^N (X_{ij}-\\mu_j)^2 .$$\n\n"
     "Expanding the square, $\\frac1N\\sum_{i=1}^N X_{ij}^2 - \\mu_j^2 = \\sigma_j^2$.\n",
     ("X_{ij}^2 - \\mu_j^2 =", "X_{ij}^2 + \\mu_j^2 =")),
    ("a_declared_member_that_a_family_defines_takes_the_family_s_value",
     # z_t ∈ ℝ⁴ declared and z_t = [x_t; h_{t−1}] defined: z_t was drawn as declared
     "Let $z_t = [x_t ; h_{t-1}] \\in \\mathbb{R}^4$ be the concatenation. We set\n"
     "$$x_t = \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix},\\qquad h_{t-1} = "
     "\\begin{pmatrix} 0{,}5 \\\\ -0{,}5 \\end{pmatrix},$$\n"
     "so $z_t = (1,\\ 2,\\ 0{,}5,\\ -0{,}5)^\\top$.\n",
     ("(1,\\ 2,\\ 0{,}5,\\ -0{,}5)", "(1,\\ 2,\\ -0{,}5,\\ 0{,}5)")),
    ("one_number_for_a_vector_whose_entries_are_equal",
     # 1 − g² ≈ 0.7865 "(both entries the same)": a ✗ of shapes
     "Let $g = (0.4621,\\ -0.4621)^\\top$. Then $1 - g^2 \\approx 0.7865$ (both entries are "
     "the same).\n",
     ("0.7865$", "0.7765$")),
    ("an_entry_of_a_member_of_a_family_of_vectors",
     # h_{t,j} with h_t a family of vectors: "h takes 1 indices, got 2"
     "The GRU update is\n$$\nh_t = (1 - z_t)\\odot h_{t-1} + z_t \\odot \\tilde h_t .\n$$\n"
     "Componentwise,\n$$\n\\frac{\\partial h_{t,j}}{\\partial z_{t,j}} = \\tilde h_{t,j} - "
     "h_{t-1,j}\n$$\n",
     ("= \\tilde h_{t,j} - h_{t-1,j}", "= h_{t-1,j} - \\tilde h_{t,j}")),
    ("a_deviation_per_index_is_a_family_where_sigma_is_never_applied",
     # σ_k = e^{s_k} read as the sigmoid's entry k, a ✗ at k = 1
     "The network gives $s_k$ and we set $\\sigma_k = e^{s_k}$, so that $\\sigma_k > 0$. "
     "Then\n\n$$\\ln\\sigma_k = s_k, \\qquad \\sigma_k^{-2} = e^{-2s_k}.$$\n",
     ("\\sigma_k^{-2} = e^{-2s_k}", "\\sigma_k^{-2} = e^{-s_k}")),
    ("deviations_under_a_sum_s_index_are_one_vector",
     # σ_k and σ_j, a mixture's deviations under Σ_k and Σ_j, drawn as two numbers of their
     # own: a correct ∂ℓ_n/∂μ_k was a ✗
     "The loss is\n$$\nL = \\frac1N\\sum_{n=1}^{N}\\ell_n,\\qquad \\ell_n = -\\log"
     "\\sum_{k=1}^{K}w_k\\,\\mathcal N(y_n;\\mu_k,\\sigma_k^2),\n$$\nwith $\\gamma_{nk} = "
     "w_k\\mathcal N(y_n;\\mu_k,\\sigma_k^2)/\\sum_jw_j\\mathcal N(y_n;\\mu_j,\\sigma_j^2)$:\n"
     "$$\n\\frac{\\partial \\ell_n}{\\partial \\mu_k} = \\gamma_{nk}\\,\\frac{\\mu_k - y_n}"
     "{\\sigma_k^2}.\n$$\n",
     ("\\gamma_{nk}\\,\\frac{\\mu_k - y_n}", "\\gamma_{nk}\\,\\frac{y_n - \\mu_k}")),
    ("a_row_opened_by_a_label_and_a_colon_is_read_after_the_colon",
     # \\text{Conv1} &: 3·32·9 = 864: "a ':' outside an index", the row unread
     "Parameter counts:\n$$\n\\begin{aligned}\n\\text{Conv1} &: 3\\cdot 32\\cdot 9 = 864, & "
     "\\text{BN1} &: 2\\cdot 32 = 64,\\\\\n\\text{in\\_proj} &: 768\\cdot 3072 = 2\\,359\\,296"
     "\n\\end{aligned}\n$$\n",
     ("3\\cdot 32\\cdot 9 = 864", "3\\cdot 32\\cdot 9 = 866")),
    # -- read since the hundred and sixteenth corpus --
    ("tangent_cotangent_and_arctangent_are_functions_in_every_spelling",
     # \tan u, \cot^2 u and \arctan: "what is \tan? the checker does not evaluate it"; tg and
     # arctg as Czech and Russian texts write them
     "Označme $u := \\pi t/2$. Potom\n\n$$\\frac{\\cos^2 u}{\\sin^2 u} = \\cot^2 u, \\qquad "
     "\\lambda := -2\\ln\\tan u .$$\n\n"
     "$$\\frac{d\\lambda}{dt} = -2\\cdot\\frac{1}{\\tan u}\\cdot\\frac{1}{\\cos^2 u}\\cdot"
     "\\frac{\\pi}{2} = -\\frac{\\pi}{\\sin u\\,\\cos u}$$\n\n"
     "$$\\operatorname{tg}(\\pi/4) = 1, \\qquad \\arctan(1/\\sqrt 3) = \\pi/6 $$\n",
     ("\\cdot\\frac{\\pi}{2} = -\\frac{\\pi}", "\\cdot\\frac{\\pi}{2} = -\\frac{2}")),
    ("a_variable_written_as_a_function_of_what_is_defined_from_it",
     # λ(t) := ln SNR(t), then the inverse t(λ) = (2/π) arctan(e^{−λ/2}): read as t times λ,
     # a ✗ for every t (once arctan was read)
     "Let $u := \\pi t/2$ and $\\lambda(t) := -2\\ln\\tan u$ for $t \\in (0, 1)$. Inverting "
     "$\\tan u = e^{-\\lambda/2}$ gives\n\n"
     "$$t(\\lambda) = \\frac{2}{\\pi}\\arctan\\bigl(e^{-\\lambda/2}\\bigr).$$\n",
     ("= \\frac{2}{\\pi}\\arctan", "= \\frac{4}{\\pi}\\arctan")),
    ("rounded_decimals_after_a_name_keep_their_rounding",
     # z̄ = 2·0,6652 + 1·0,2447 + 0 = 1,5752 with p given rounded: after the name z̄, whose
     # value rests on the same rounded numbers, the decimals were held exact (1.5751), a ✗
     "Sei $z = (2,\\ 1,\\ 0)$ und $\\bar z = \\sum_i p_i z_i$ mit\n\n"
     "$$\np = (0{,}6652;\\ 0{,}2447;\\ 0{,}0900).\n$$\n\n"
     "Dann ist $\\bar z = 2\\cdot 0{,}6652 + 1\\cdot 0{,}2447 + 0 = 1{,}5752$.\n",
     ("+ 0 = 1{,}5752$", "+ 0 = 1{,}5762$")),
    ("a_function_of_the_text_written_before_a_parenthesis_may_be_a_product",
     # p_i(T) = e^{z_i/T}/Z(T), and p_i written alone too: p_i(−z_i/T² + z̄/T²) was p_i at
     # that argument only, and the step a ✗
     "Niech $p_i(T) = e^{z_i/T}/Z(T)$, $Z(T) = \\sum_j e^{z_j/T}$ i $\\bar z = \\sum_i p_i z_i$."
     " Wtedy\n\n$$\\frac{dp_i}{dT} = p_i\\left(-\\frac{z_i}{T^2} + \\frac{\\bar z}{T^2}\\right) "
     "= \\frac{p_i(\\bar z - z_i)}{T^2}$$\n",
     ("= \\frac{p_i(\\bar z - z_i)}{T^2}$$", "= \\frac{p_i(z_i - \\bar z)}{T^2}$$")),
    ("a_word_subscript_written_without_braces_is_a_label",
     # P(n_\text{in}, n_\text{out}) = …: \text{in} after _ was cut off as prose ("in"), and
     # the definition "ends too early"; every count after it asked what P is
     "Một lớp có\n\n$$P(n_\\text{in}, n_\\text{out}) = n_\\text{in}\\,n_\\text{out} + "
     "n_\\text{out}$$\n\ntham số, nên\n\n$$P(400, 784) = 400\\times 784 + 784 = 314\\,384 .$$\n",
     ("400\\times 784 + 784", "400\\times 784 + 400")),
    ("a_value_after_rounded_numbers_approximates_the_chain_s_value",
     # L = ½(1,1582² + …) ≈ ½(1,3414 + 0,1111 + 0,4332) ≈ 0,9430: the second ≈ ended the
     # chain, and the last side, rounded from L, was held against the rounded sum (0,94285)
     "La perte vaut donc\n$$\nL = \\tfrac12\\big(1{,}1582^2 + 0{,}3333^2 + 0{,}6582^2\\big) "
     "\\approx \\tfrac12\\,(1{,}3414 + 0{,}1111 + 0{,}4332) \\approx 0{,}9430 .\n$$\n",
     ("\\approx 0{,}9430 .", "\\approx 0{,}9530 .")),
    # -- read since the hundred and twelfth corpus --
    ("a_function_of_an_index_written_alone_is_the_vector_of_its_values",
     # π_θ(a) = e^{θ_a}/Σ_c e^{θ_c}, then π_θ − e_a and π_θ ≈ (…): "the function π_θ is used
     # where a number, vector or matrix belongs", and every step after it unread
     "A softmax policy over $K$ actions,\n\n$$\\pi_\\theta(a) = \\frac{e^{\\theta_a}}"
     "{\\sum_{c=1}^{K} e^{\\theta_c}}, \\qquad \\theta \\in \\mathbb R^K .$$\n\n"
     "Its score is\n\n$$\\nabla_\\theta \\log \\pi_\\theta(a) = e_a - \\pi_\\theta$$\n",
     ("= e_a - \\pi_\\theta$$", "= \\pi_\\theta - e_a$$")),
    ("a_number_given_beside_its_letter_with_a_label_is_a_name_of_its_own",
     # d = 512, d_{ff} = 2048: d_{ff} "a value named in the prose" (an entry of d), and "the
     # index ff of d is not an integer"
     "Sia $d = 512$, $d_{ff} = 2048$. Allora\n\n"
     "$$2\\,d\\,d_{ff} + d_{ff} + d = 2\\,099\\,712$$\n",
     ("= 2\\,099\\,712", "= 2\\,099\\,812")),
    ("if_and_only_if_in_vietnamese_states_a_condition",
     # "dấu bằng xảy ra khi và chỉ khi $P_i = 1/N$" (equality holds iff): read as a definition
     # of P_i, which the step before then rested on
     "Với $N$ chuyên gia,\n\n$$\\sum_{i=1}^{N} P_i = 1 .$$\n\n"
     "Dấu bằng xảy ra khi và chỉ khi $P_i = 1/N$ với mọi $i$.\n",
     None),
    ("a_function_word_then_a_preposition_does_not_name_what_follows",
     # "softmax 对 θ 整体平移不变" (softmax's invariance with respect to θ): θ read as "the
     # softmax" named in words, and every derivative by θ asked what θ is
     "设\n\n$$f(\\theta) = \\theta_1 + 3\\theta_2$$\n\n这与 softmax 对 $\\theta$ 整体平移不变一致。"
     "因此\n\n$$\\frac{\\partial f}{\\partial \\theta_2} = 3$$\n",
     ("\\theta_2} = 3$$", "\\theta_2} = 2$$")),
    ("a_matrix_of_products_of_rounded_decimals_agrees_to_its_digits",
     # twelve rounded decimals on the left: past eight numbers no rounding slack was allowed,
     # and ½ · 2.4076 · 0.0900 = 0.10834 against the 0.1084 written (from p = 0.09003) was a ✗
     "Then\n\n$$\\begin{pmatrix} \\tfrac12 \\cdot 2.4076 \\cdot 0.6652 & \\tfrac12 \\cdot 2.4076 "
     "\\cdot 0.2447 & \\tfrac12 \\cdot 2.4076 \\cdot 0.0900 \\\\ \\tfrac12 \\cdot 1.2989 \\cdot "
     "0.4498 & \\tfrac12 \\cdot 1.2989 \\cdot 0.4498 & \\tfrac12 \\cdot 1.2989 \\cdot 0.1004 "
     "\\end{pmatrix} \\approx \\begin{pmatrix} 0.8008 & 0.2946 & 0.1084 \\\\ 0.2921 & 0.2921 & "
     "0.0652 \\end{pmatrix}$$\n",
     ("0.8008 & 0.2946", "0.8008 & 0.2956")),
    ("the_ones_vector_with_its_size_written_as_a_number",
     # P𝟏_4 of a 3×4 plan: 𝟏_4 read as the basis vector e_4, and a plan's row sums a ✗
     "The plan\n\n$$P = \\begin{bmatrix}0.1&0.2&0&0\\\\0&0.1&0.2&0.1\\\\0.1&0&0&0.2"
     "\\end{bmatrix}$$\n\nhas row sums\n\n$$P\\mathbf 1_4 = \\begin{bmatrix}0.3\\\\0.4\\\\0.3"
     "\\end{bmatrix}$$\n",
     ("0.3\\\\0.4\\\\0.3", "0.3\\\\0.5\\\\0.3")),
    ("a_sentence_in_chinese_ends_at_its_full_stop",
     # 取 K = 3，θ = (…)。则 e^1 ≈ 2.7183: the choice (取, take) was read into the next sentence,
     # and e^1 ≈ 2.7183 a value chosen, never checked
     "取 $K = 3$，$\\theta = (1,\\ 0,\\ -1)$。则 $e^{1} \\approx 2.7183$，$e^{-1} \\approx "
     "0.3679$。\n",
     ("0.3679$", "0.3579$")),
    # -- read since the ninety-sixth corpus --
    ("leaky_relu_in_camel_case_is_the_table_s_row",
     # \operatorname{LeakyReLU}: "a function the text does not define"
     "In PyTorch's convention,\n\n$$\\operatorname{LeakyReLU}(-2) = -0.02$$\n",
     ("= -0.02", "= -0.2")),
    ("a_matrix_added_to_the_identity_is_square",
     # Ã = A + I: A's shape unread, "the identity I is used where a number belongs", and every
     # step through Ã unread
     "Let $A$ be the adjacency matrix of the graph and $\\tilde A = A + I$ its matrix with "
     "self-loops. Then\n\n$$\\tilde A^\\top - A^\\top = I$$\n",
     ("= I$$", "= 2I$$")),
    ("a_constant_given_a_vector_written_out_is_the_text_s_vector_for_its_entries",
     # π = (0.2, 0.8), mixing weights: a ✗ (π is 3.14…), and π_1 unread; π alone in √(2π)
     # is still the constant
     "A mixture with weights $\\pi = (0.2,\\ 0.8)$ and unit variances has, at $x = 0$,\n\n"
     "$$\\pi_1 \\cdot \\frac{1}{\\sqrt{2\\pi}} = 0.0798$$\n",
     ("= 0.0798", "= 0.0898")),
    ("a_constant_written_with_an_index_letter_is_a_vector_the_text_defines",
     # weights π_1, …, π_K: π_k "not declared or defined" (π the constant), every step unread
     "The weights $\\pi_1, \\dots, \\pi_K$ are positive. With counts $N_k$,\n\n"
     "$$\\frac{\\partial}{\\partial \\pi_k}\\Big(\\sum_{j=1}^{3} N_j \\log \\pi_j\\Big) = "
     "\\frac{N_k}{\\pi_k}$$\n",
     ("= \\frac{N_k}{\\pi_k}$$", "= \\frac{N_k}{2\\pi_k}$$")),
    ("variances_given_one_number_in_a_chain_are_each_given_it",
     # σ_1² = σ_2² = 1: "what is σ_1?" (σ the sigmoid; a chain of squares not split)
     "Initial values: $\\mu = (0,\\ 4)$, $\\sigma_1^2 = \\sigma_2^2 = 1$.\n\n"
     "$$\\sigma_1^2 + \\sigma_2^2 = 2$$\n",
     ("= 2$$", "= 3$$")),
    ("a_member_of_a_family_is_a_root_of_its_square_given_by_number",
     # σ_1² = 4, σ_2² = 1, then σ_j under a sum: σ_j drawn ("what is σ_1?")
     "Take $\\sigma_1^2 = 4$ and $\\sigma_2^2 = 1$ for the two components.\n\n"
     "$$\\sum_{j=1}^{2} \\sigma_j^2 = 5$$\n",
     ("= 5$$", "= 6$$")),
    ("a_set_said_of_a_defined_family_s_member_does_not_make_it_an_input",
     # s_k = log σ_k, then σ_k = e^{s_k} and s_k ∈ ℝ: s_k drawn as an input apart from σ_k,
     # and σ_k = e^{s_k} a ✗ on correct work
     "The network outputs $s_k = \\log \\sigma_k$, with $s_k \\in \\mathbb{R}$ and "
     "$\\sigma = (1,\\ 2)$. So\n\n$$\\sigma_k = e^{s_k}$$\n",
     ("= e^{s_k}$$", "= e^{2s_k}$$")),
    ("a_word_in_text_set_off_by_a_space_is_prose_not_a_name",
     # \\text{kde } N_k = …: "kde N_k" defined, N_k itself drawn: a ✗ on Σ_k N_k
     "$$Q = \\sum_{k=1}^{2} N_k \\log \\pi_k, \\qquad \\text{kde } N_k = \\sum_{n=1}^{3} "
     "g_{nk}.$$\n\nHence\n\n$$\\sum_{k=1}^{2} N_k = \\sum_{n=1}^{3} \\sum_{k=1}^{2} g_{nk}$$\n",
     ("\\sum_{k=1}^{2} g_{nk}$$", "\\sum_{k=1}^{2} 2 g_{nk}$$")),
    ("a_name_defined_by_its_index_s_value_is_a_family_at_every_index",
     # c_m = cos mθ, then c_n: m is a value in the formula, not an index of anything in it, so
     # c_m was one name and c_n an entry of a drawn c ("what is c?"); the identity unread
     "Let $c_m = \\cos m\\theta$ and $s_m = \\sin m\\theta$ for integers $m$.\n\n"
     "$$c_mc_n+s_ms_n=\\cos\\big((m-n)\\theta\\big)$$\n",
     ("=\\cos\\big((m-n)", "=\\cos\\big((m+n)")),
    ("an_aligned_row_that_opens_with_an_operator_goes_on_with_the_row_before",
     # &\quad + …: the right side of the row before, going on; it was cut at the row's end,
     # and the chain failed there
     "$$\n\\begin{aligned}\n(a+b)^2+(a-b)^2&=a^2+2ab+b^2\\\\\n&\\quad+a^2-2ab+b^2\\\\\n"
     "&=2a^2+2b^2\n\\end{aligned}\n$$\n",
     ("&=2a^2+2b^2", "&=2a^2+4b^2")),
    ("a_bare_name_given_the_norm_of_another_is_defined_by_it",
     # r = ‖x‖ beside x ≠ 0 was a point ("a value at which the steps are read"), r drawn apart
     # from x and ∂r/∂x = 0: a ✗ on the normalisation Jacobian
     "Let $x \\in \\mathbb{R}^3$, $x \\neq 0$, and $r = \\lVert x \\rVert$. "
     "Then\n$$\\frac{\\partial r}{\\partial x} = \\frac{x}{r}.$$\n",
     ("= \\frac{x}{r}.", "= \\frac{x}{r^2}.")),
    ("a_table_function_of_distributions_defined_of_numbers_is_the_text_s_own",
     # KL(μ, v) = ½(μ² + e^v − 1 − v) checked as the table's KL of two laws; and v = log σ²
     # with σ² = e^v "so that" was a loop of definitions ("refers to itself")
     "Write $v=\\log\\sigma^2$, so that $\\sigma^2=e^{v}$. Per "
     "coordinate,\n$$\\mathrm{KL}(\\mu,v)=\\tfrac12\\left(\\mu^2+e^{v}-1-v\\right),\\qquad "
     "\\frac{\\partial\\,\\mathrm{KL}}{\\partial v}=\\tfrac12\\left(e^{v}-1\\right).$$\n",
     ("=\\tfrac12\\left(e^{v}-1\\right)", "=\\left(e^{v}-1\\right)")),
    ("a_superscript_ending_in_a_star_names_an_optimum",
     # τ^{2∗}, the optimal τ², read as a power of τ ("what is τ?")
     "At the optimum $\\tau^{2\\ast}=\\frac{\\beta s^2}{1+\\beta s^2}$. For $\\beta=1$ this "
     "is $\\tau^{2\\ast}=s^2/(1+s^2)$, and with $s^2 = 1$, $\\tau^{2\\ast} = 1/(1+1) = 0.5$.\n",
     ("= 0.5$", "= 0.6$")),
    ("a_name_equal_to_itself_applied_to_what_it_depends_on_is_no_claim",
     # x̂ = x̂_θ(z), a decoder's output: "x̂_θ is a function the text does not define", and
     # every step with x̂ after it unreadable
     "The decoder outputs the mean $\\hat x=\\hat x_\\theta(z)\\in\\mathbb{R}^3$ of a "
     "Gaussian with variance $\\sigma^2$, so that\n$$\\sum_{i=1}^{3}\\frac{(x_i-\\hat "
     "x_i)^2}{2\\sigma^2}=\\frac{1}{2\\sigma^2}\\lVert x-\\hat x\\rVert^2 .$$\n",
     ("=\\frac{1}{2\\sigma^2}\\lVert", "=\\frac{1}{\\sigma^2}\\lVert")),
    ("a_product_of_matrices_of_stated_sizes_has_its_shape_checked_as_sizes",
     # Z ∈ ℝ^{1024×128}: sizes too large to draw, "a set the checker does not read", and
     # ZZ^⊤ ∈ ℝ^{128×128} (a transpose misplaced) unseen
     "Stack the normalised embeddings as $Z \\in \\mathbb{R}^{1024 \\times 128}$. The "
     "similarity matrix is\n$$S = Z Z^\\top \\in \\mathbb{R}^{1024 \\times 1024}.$$\n",
     ("\\in \\mathbb{R}^{1024 \\times 1024}", "\\in \\mathbb{R}^{128 \\times 128}")),
    ("a_range_written_as_an_interval_gives_each_end_its_value",
     # [r_min, r_max] = [−1.8, 3.4]: "at which s is this value meant?", and the scale from
     # the range's ends unreadable
     "Take $q_{\\min} = 0$, $q_{\\max} = 255$ and a calibration range "
     "$[r_{\\min}, r_{\\max}] = [-1.8,\\ 3.4]$, with "
     "$s = \\frac{r_{\\max} - r_{\\min}}{q_{\\max} - q_{\\min}}$.\n\n"
     "$$s = \\frac{3.4 + 1.8}{255} = \\frac{5.2}{255} \\approx 0.020392$$\n",
     ("= \\frac{5.2}{255}", "= \\frac{5.0}{255}")),
    ("round_written_as_a_word_is_rounding_to_the_nearest_whole_number",
     # \operatorname{round}(88.27) = 88: "what is round?"
     "The zero-point is $z = \\operatorname{round}(88.27) = 88$, and "
     "$\\operatorname{round}(-60.32) + 88 = 28$.\n",
     ("+ 88 = 28", "+ 88 = 29")),
    ("a_number_named_after_a_formula_may_be_what_the_steps_use",
     # r_min = s(q_min − z) required, then the range [−1.79, 3.4] taken: −r_min/s read
     # through the formula only (a whole number, z − q_min), a ✗ on 1.79/0.02
     "We require the end of the range to map to the end of the grid, "
     "$r_{\\min} = s\\,(q_{\\min} - z)$, with $s = 0.02$, $q_{\\min} = 0$ and the zero-point "
     "$z = \\lfloor q_{\\min} - r_{\\min}/s \\rceil$.\n\n"
     "Take the range $[r_{\\min}, r_{\\max}] = [-1.79,\\ 3.4]$. Then "
     "$-r_{\\min}/s = 1.79/0.02 = 89.5$.\n",
     ("= 89.5", "= 88.5")),
    ("a_word_subscript_on_a_defined_name_names_a_value_of_its_own",
     # q = clamp(…, q_min, q_max) defined, then q_max read as an entry of q at "max"
     # ("the definition of q refers to itself")
     "An integer $q \\in \\{q_{\\min},\\dots,q_{\\max}\\}$ stands for $\\hat r = s\\,(q - z)$, "
     "where we require\n$$\n\\begin{aligned}\nr_{\\min} &= s\\,(q_{\\min} - z), \\\\\n"
     "r_{\\max} &= s\\,(q_{\\max} - z).\n\\end{aligned}\n$$\n"
     "Subtracting the first line from the second eliminates $z$:\n"
     "$$\ns = \\frac{r_{\\max} - r_{\\min}}{q_{\\max} - q_{\\min}} .\n$$\n"
     "The quantizer itself is\n$$\nq = \\operatorname{clamp}\\!\\left(\\lfloor r/s \\rceil + z,"
     "\\; q_{\\min},\\; q_{\\max}\\right).\n$$\n",
     None),      # (a slip here rests on q_max, which the text gives no value: a question)
    ("a_bound_stated_in_the_prose_is_the_side_of_zero_a_name_is_drawn_on",
     # "with r_min ≤ 0 ≤ r_max": drawn on either side of 0, the zero-point fell outside the
     # grid and q = round(0) + Z = Z (true inside it) was a ✗
     "Let $[r_{\\min}, r_{\\max}]$ with $r_{\\min} \\le 0 \\le r_{\\max}$ be the range, "
     "$S = \\frac{r_{\\max} - r_{\\min}}{255}$, "
     "$Z = \\lfloor -r_{\\min}/S \\rceil$ and\n"
     "$$q = \\operatorname{clamp}\\big(\\lfloor x/S \\rceil + Z,\\ 0,\\ 255\\big).$$\n"
     "For $x = 0$: $q = \\lfloor 0 \\rceil + Z = Z$.\n",
     ("+ Z = Z$", "+ Z = Z + 1$")),
    ("a_letter_set_apart_from_a_parenthesis_by_a_thin_space_multiplies_it",
     # S\,(130 − 68) with S a formula of the range: "S at 130 − 68, or S times?"
     "The scale is $S = \\frac{r_{\\max} - r_{\\min}}{255}$ and $\\hat x = S\\,(q - Z)$; "
     "at $q = 130$, $Z = 68$:\n$$\\hat x = S\\,(130 - 68) = 62\\,S .$$\n",
     ("= 62\\,S", "= 63\\,S")),
    ("a_table_keyed_by_an_index_s_values_gives_each_member",
     # | $t$ | 0 | 1 | 2 | over rows $r_t$ and $V(s_t)$: not read, so δ_1 = … (a member of
     # δ_t = r_t + γV(s_{t+1}) − V(s_t)) was a definition of its own, and a wrong factor in it
     # went unseen
     "Take $\\gamma = 0.9$ and the rollout\n\n| $t$ | 0 | 1 | 2 |\n|---|---|---|---|\n"
     "| $r_t$ | 0 | 1 | $-1$ |\n| $V(s_t)$ | 1.0 | 1.2 | 0.5 |\n\nwith $V(s_3) = 0$. By "
     "definition $\\delta_t = r_t + \\gamma V(s_{t+1}) - V(s_t)$, so\n\n"
     "$$\\delta_1 = 1 + 0.9\\cdot 0.5 - 1.2 = 0.25$$\n",
     ("1 + 0.9\\cdot 0.5 - 1.2 = 0.25", "1 + 0.72\\cdot 0.5 - 1.2 = 0.16")),
    ("a_function_given_at_named_points_is_a_table_of_values",
     # V(C) = 0 beside V(A) = 0,5: values at points, not a constant V (a ✗ once, then
     # unreadable, "what is V?"); now each point's value, as given
     "States $A$, $B$ and terminal $C$, $V(C)=0$. Initial estimates $V(A)=0{,}5$, "
     "$V(B)=0{,}2$; $\\gamma=0{,}9$.\n\nReturn $G_0 = 0{,}9$, so $G_0-V(A)=0{,}9-0{,}5=0{,}4$.\n",
     ("=0{,}9-0{,}5=", "=0{,}9-0{,}2=")),
    ("a_binary_vector_sized_by_a_letter_and_its_entries_said_binary",
     # v ∈ {0,1}^n was "a set the checker does not read", and h_j ∈ {0,1} made h_j a name of
     # its own (the number 1 in every term of Σ_j b_j h_j): a ✗ on an RBM's energy
     "An RBM has visible units $v \\in \\{0,1\\}^n$ and hidden units $h \\in \\{0,1\\}^m$, "
     "weights $W \\in \\mathbb{R}^{n\\times m}$ and biases $a \\in \\mathbb{R}^n$, "
     "$b \\in \\mathbb{R}^m$. Each hidden unit is binary, $h_j \\in \\{0,1\\}$, and\n"
     "$$E(v,h) = -a^\\top v - b^\\top h - v^\\top W h = -\\sum_i a_i v_i - \\sum_j b_j h_j "
     "- \\sum_{i,j} v_i W_{ij} h_j .$$\n",
     ("- \\sum_j b_j h_j", "+ \\sum_j b_j h_j")),
    ("values_at_points_of_a_function_given_by_them",
     # α₁(1) = 0.4, α₁(3) = α₁(4) = 0 (a CTC table's first column): "at which α is this
     # value meant?", and the initialisation chain a ✗ (α₁(3) = α₁(4) read as a claim)
     "Initialisation: $$\\alpha_1(1) = 0.4, \\qquad \\alpha_1(2) = 0.6, \\qquad "
     "\\alpha_1(3) = \\alpha_1(4) = 0 .$$\n\n"
     "Then $$\\alpha_2(2) = \\bigl(\\alpha_1(2) + \\alpha_1(1)\\bigr) \\cdot 0.3 = 0.30, \\qquad "
     "\\alpha_2(4) = \\bigl(\\alpha_1(4) + \\alpha_1(3)\\bigr) \\cdot 0.3 = 0 .$$\n",
     ("\\cdot 0.3 = 0.30", "\\cdot 0.3 = 0.33")),
    ("a_known_function_written_with_more_parameters_is_the_text_s_own",
     # lse(β, z) = β⁻¹ log Σ e^{βz_i}: checked as a claim about the table's one-argument
     # log-sum-exp, a false ✗ on the text's own definition
     "We define the log-sum-exp with inverse temperature $\\beta > 0$ for "
     "$z \\in \\mathbb{R}^3$,\n"
     "$$\\operatorname{lse}(\\beta, z) = \\beta^{-1}\\log\\sum_{i=1}^{3} e^{\\beta z_i}.$$\n"
     "Then $\\frac{\\partial}{\\partial z_1}\\operatorname{lse}(\\beta, z) = "
     "\\frac{e^{\\beta z_1}}{\\sum_{i=1}^{3} e^{\\beta z_i}}$.\n",
     ("= \\frac{e^{\\beta z_1}}", "= \\frac{\\beta e^{\\beta z_1}}")),
    ("a_table_whose_header_row_gives_points_is_not_read_as_names",
     # | $(v,h)$ | $(0,0)$ | … | over | $E$ | $0$ | … |: "(1,1) = -1" was a claim, (1,1)
     # read as the number 1,1 with a decimal comma
     "Take $a = b = 0$, $w = 1$ and $E(v,h) = -w\\,v\\,h$. The energies of the four states "
     "are\n\n| $(v,h)$ | $(0,0)$ | $(1,0)$ | $(0,1)$ | $(1,1)$ |\n|---|---|---|---|---|\n"
     "| $E$ | $0$ | $0$ | $0$ | $-1$ |\n\nso $e^{1} + 3 \\approx 5.7183$.\n",
     ("5.7183", "5.7283")),
    ("a_weight_matrix_is_one_hot_only_in_a_text_that_speaks_of_one_hot_vectors",
     # Σ_j W_ij² x_j² written Σ_j W_ij x_j²: held "reading W's rows one-hot" (entries of 0
     # and 1 square to themselves) in a text about weights that never says one-hot
     "Let $u_i = \\sum_{j=1}^{3} W_{ij} x_j$ for a $2\\times 3$ matrix $W$ and "
     "$x \\in \\mathbb{R}^3$.\n\n"
     "Then $\\sum_{j=1}^{3} (W_{ij} x_j)^2 = \\sum_{j=1}^{3} W_{ij}^2 x_j^2$.\n",
     ("= \\sum_{j=1}^{3} W_{ij}^2 x_j^2", "= \\sum_{j=1}^{3} W_{ij} x_j^2")),
    ("a_function_of_two_numbers_at_a_point_written_as_one_vector",
     # f(x, y) = x² + 10y² and x₀ = (1, 1): f(x₀) was "f takes 2 arguments, written with 1",
     # and ∇f(x₀)ᵀd unreadable with it
     "Let $f(x, y) = x^2 + 10y^2$ at the point $x_0 = (1, 1)$ with $d = (-2, -20)$.\n\nThen "
     "$f(x_0) = 1 + 10 = 11$, $\\nabla f(x_0) = (2, 20)$ and "
     "$\\nabla f(x_0)^\\top d = -404$.\n",
     ("= 1 + 10 = 11", "= 1 + 11 = 12")),
    ("a_derivative_the_text_sets_by_definition",
     # a straight-through estimator: ∂m/∂s := 1 for a step m, set in place of the true
     # derivative (0 almost everywhere), was checked as a claim about the step
     "Let $m = \\mathbb{1}[s > 0]$ and $\\hat w = m\\,w$. The true derivative is 0 almost "
     "everywhere, so on the backward pass we set $\\partial m/\\partial s := 1$.\n\n"
     "Then $\\partial \\hat w/\\partial w = m$.\n",
     None),
    ("a_declared_member_squared_is_the_entry_of_the_vector_an_example_gives",
     # x_i ∈ ℝ declared, then x = (2, 1, 4)ᵀ: x_i² was the declared name drawn anew (x_i
     # unsquared was already the entry)
     "Consider one activation $x_i \\in \\mathbb{R}$.\n\n"
     "Example: $w = (1.0, -2.0, 0.5)^\\top$, $x = (2.0, 1.0, 4.0)^\\top$. The products "
     "are $w_i x_i = (2, -2, 2)$, so $\\sum_{i=1}^{3} w_i^2 x_i^2 = 4+4+4 = 12$.\n",
     ("x_i^2 = 4+4+4 = 12", "x_i^2 = 4+4+8 = 16")),
    ("an_indexed_name_set_to_a_number_at_its_index_letters_sets_every_entry",
     # "b_ij = 0 at the start, so c_ij = 1/J": b_ij = 0 fixed one entry, the sum over k of
     # exp(b_ik) kept the others drawn
     "Let $c_{ij} = \\frac{\\exp(b_{ij})}{\\sum_{k=1}^{J}\\exp(b_{ik})}$ with $J = 3$.\n\n"
     "At the start $b_{ij} = 0$, so $c_{ij} = 1/J$.\n",
     None),
    ("a_function_of_a_vector_at_its_entries_written_as_numbers",
     # g(x) = x₁²x₂ + 3x₁, then g(1, 2): "g takes 1 argument, written with 2"
     "Let $g(\\mathbf{x}) = x_1^2 x_2 + 3 x_1$. Then $g(1, 2) = 2 + 3 = 5$.\n",
     ("= 2 + 3 = 5", "= 2 + 4 = 6")),
    ("a_sum_from_zero_to_a_letter_less_one_counts_that_letter",
     # Σ_{j=0}^{τ−1} ρ^j: τ was drawn as a real number ("the upper limit is not an integer")
     "With $|\\rho|<1$,\n"
     "$$\\frac{\\sum_{j=0}^{\\tau-1}\\rho^j}{\\sum_{j=0}^{\\infty}\\rho^j}"
     " = 1-\\rho^{\\tau}.$$\n",
     ("= 1-\\rho^{\\tau}", "= 1-\\rho^{\\tau-1}")),
    ("a_step_of_a_sequence_of_numbers_is_a_variable_of_its_own",
     # h_t = tanh(w h_{t−1} + x_t), then ∂h_t/∂h_{t−1}: h_{t−1} was read as an entry of a
     # number h ("h is a number: it has no component")
     "Let $h_t = \\tanh(w\\,h_{t-1} + x_t)$. Then "
     "$\\partial h_t/\\partial h_{t-1} = w(1-h_t^2)$.\n",
     ("= w(1-h_t^2)", "= w(1-h_t)")),
    ("an_upstream_gradient_given_as_one_number",
     # ∂L/∂h = −0.8 for a number h, L written out nowhere: "which L?" (a vector's was read)
     "Let $h = o\\tanh(c)$.\n\n"
     "Take $o = 0.5$ and $c = 0.2$. The gradient from above is "
     "$\\frac{\\partial L}{\\partial h} = -0.8$, so\n"
     "$$\\frac{\\partial L}{\\partial c} = \\frac{\\partial L}{\\partial h}\\,o\\,"
     "(1-\\tanh^2 c).$$\n",
     ("h}\\,o\\,", "h}\\,")),
    ("a_family_member_before_a_parenthesis_of_indices_is_a_product",
     # p_j(δ_ij − q_i) with p_i a family: asked "p at δ_ij − q_i, or a product?" since p
     # depends on the index i its definition is written with
     "Let $q_i = \\frac{\\exp(z_i/T)}{\\sum_{j}\\exp(z_j/T)}$, "
     "$p_i = \\frac{\\exp(v_i/T)}{\\sum_{j}\\exp(v_j/T)}$ and "
     "$C = -\\sum_j p_j \\log q_j$. Then\n"
     "$$\\frac{\\partial C}{\\partial z_i} = -\\frac{1}{T}\\sum_j p_j(\\delta_{ij}-q_i).$$\n",
     ("} = -\\frac{1}{T}\\sum_j", "} = -\\sum_j")),
    ("a_kernel_of_a_letter_and_the_letter_primed",
     # k(x, x') = exp(−(x − x')²/2ℓ²): x' was read as a derivative, so k was no definition
     "Let $k(x, x') = \\exp\\left(-\\frac{(x - x')^2}{2\\ell^2}\\right)$. Then "
     "$k(x, x) = 1$ and $k(0, 1) = \\exp(-1/(2\\ell^2))$.\n",
     ("= \\exp(-1/(2", "= \\exp(-1/(4")),
    ("sigma_with_a_letter_given_a_number_where_sigma_is_never_applied",
     # σ_n² = 0.25, a GP's noise variance: σ_n was read as entry n of the sigmoid
     "With noise $\\sigma_n^2 = 0.25$ and $\\sigma_f^2 = 1$ we get "
     "$\\sigma_f^2 + \\sigma_n^2 = 1.25$.\n",
     ("= 1.25", "= 1.5")),
    ("a_matrix_the_text_differentiates_by_a_parameter_it_gives_no_formula_of",
     # ∂K⁻¹/∂θ with K given no formula in θ: "how does K⁻¹ depend on θ?" (now K is any
     # smooth function of θ, K(0) + θK'(0) + θ²K''(0)/2)
     "For a matrix $K$ that depends on $\\theta$:\n\n"
     "$$\\frac{\\partial K^{-1}}{\\partial\\theta} = "
     "-K^{-1}\\,\\frac{\\partial K}{\\partial\\theta}\\,K^{-1}.$$\n",
     ("\\,K^{-1}.$$", ".$$")),
    ("a_quadratic_form_differentiated_as_an_operator_by_a_parameter",
     # ∂/∂θ (−½ yᵀK⁻¹y): which of y and K depends on θ is a reading
     "For a matrix $K$ that depends on $\\theta$ and a vector $\\mathbf y$,\n"
     "$$\\frac{\\partial}{\\partial\\theta}\\Big(-\\frac12\\,\\mathbf y^{\\mathsf T}"
     "K^{-1}\\mathbf y\\Big) = \\frac12\\,\\mathbf y^{\\mathsf T}K^{-1}"
     "\\frac{\\partial K}{\\partial\\theta}K^{-1}\\mathbf y .$$\n",
     None),       # (y drawn a number here: a slip is "what shape has y?", not a ✗)
    # -- read since the ninety-fourth corpus --
    ("a_table_cell_of_plain_arithmetic_is_a_computation",
     # "0,72 × 0,7 = 0,514" in a cell, no dollar signs: not read (a planted slip missed)
     "| $t$ | $\\alpha_t$ | $\\bar\\alpha_t$ |\n|---|---|---|\n| 1 | 0,9 | 0,9 |\n"
     "| 2 | 0,8 | 0,9 × 0,8 = 0,72 |\n",
     ("= 0,72", "= 0,74")),
    ("a_product_up_to_a_letter_defines_a_family_in_that_letter",
     # ᾱ_t = ∏_{s≤t} α_s was one name ᾱ_t, so ᾱ_{t−1} was drawn free (a false ✗)
     "Let $\\alpha_t=1-\\beta_t$ and $\\bar\\alpha_t=\\prod_{s\\le t}\\alpha_s$. Then\n"
     "$$\\frac{\\alpha_t}{\\beta_t}+\\frac{1}{1-\\bar\\alpha_{t-1}}"
     "=\\frac{1-\\bar\\alpha_t}{\\beta_t(1-\\bar\\alpha_{t-1})}.$$\n",
     ("=\\frac{1-\\bar\\alpha_t}", "=\\frac{1+\\bar\\alpha_t}")),
    ("a_sum_under_an_order_of_two_letters_runs_over_the_pairs",
     # Σ_{i≥j} L_ij² with j nowhere else: every j and i ≥ j; L drawn lower triangular as the
     # prose says (j was read as a free index and L drawn full: a false ✗)
     "Let $\\mathbf L$ be a lower triangular $3\\times 3$ matrix. Then\n"
     "$$\\operatorname{tr}(\\mathbf L\\mathbf L^\\top)=\\sum_{i\\ge j}L_{ij}^2.$$\n",
     ("=\\sum_{i\\ge j}L_{ij}^2", "=\\sum_{i\\ge j}2L_{ij}^2")),
    ("a_sum_written_between_two_letters_is_read_where_it_runs",
     # Σ_{s=k}^{t}: the text writes it for k ≤ t (checked at k = 3, t = 1: a false ✗)
     "Here $S_t = \\sum_{k=1}^{t} c_k$, where we used "
     "$\\sum_{s=k}^{t} a^{s-k} = (1-a^{t-k+1})/(1-a)$.\n",
     ("= (1-a^{t-k+1})", "= (1-a^{t-k+2})")),
    ("a_definition_restated_in_an_example_ends_with_that_example",
     # m̂_t = g "with a constant gradient" stayed in force after the next example defined m_t
     # anew (|m̂_t|/√v̂_t read as 1 there: a false ✗)
     "Define $\\hat m_t = \\frac{m_t}{1-b^t}$ and $\\hat v_t = \\frac{v_t}{1-c^t}$.\n\n"
     "**Example 1.** With a constant gradient, $m_t = (1-b^t)\\,g$ and $v_t = (1-c^t)\\,g^2$, "
     "so $\\hat m_t = g$, $\\hat v_t = g^2$.\n\n"
     "**Example 2.** With one gradient, $m_t = (1-b)\\,b^{t-1} g$, $v_t = (1-c)\\,c^{t-1} g^2$ "
     "and then\n"
     "$$\\frac{\\hat m_t}{\\sqrt{\\hat v_t}} = \\frac{(1-b)b^{t-1}g/(1-b^t)}"
     "{\\sqrt{(1-c)c^{t-1}g^2/(1-c^t)}}.$$\n",
     ("= \\frac{(1-b)b^{t-1}g/(1-b^t)}", "= \\frac{(1-b)b^{t}g/(1-b^t)}")),
    # -- read since the ninety-second corpus --
    ("a_name_let_equal_to_a_power_is_defined",
     # y = x^2 after "Let" was read as a point (two names, x^2 taken for one), so dy/dx asked
     "Let $y = x^2$. Then $\\frac{dy}{dx} = 2x$.\n",
     ("= 2x", "= 3x")),
    ("a_number_in_scientific_notation_after_a_slash_is_the_whole_divisor",
     # 1,68·10^7 / 1,72·10^{10}: read ((1.68·10⁷)/1.72)·10¹⁰ only (a ✗ before a planted line)
     "The router holds $1{,}68\\cdot 10^{7}$ parameters against $1{,}72\\cdot 10^{10}$ FLOP: "
     "$1{,}68\\cdot 10^{7} / 1{,}72\\cdot 10^{10} \\approx 0{,}1\\%$.\n",
     ("0{,}1\\%", "0{,}2\\%")),
    ("digits_set_apart_by_spaces_are_one_number",
     # 9 175 040 in a table's cell or in math: TeX sets the digits as one number (a product
     # 9·175·40 in math; a cell of words in a table)
     "| $C$ | $35C^2$ | $3C$ |\n"
     "|---|---|---|\n"
     "| 512 | 9 175 040 | 1 536 |\n"
     "| 128 | 573 440 | 384 |\n",
     ("573 440", "574 440")),
    ("lower_case_entries_of_a_capital_matrix",
     # x_{ij} and k_{ab} beside X and K written out, k also a size: "k is a number: it has no
     # component [21]", "what is x?" on every step
     "Sea $X=\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}$ y el núcleo $K=\\begin{pmatrix}1&0\\\\"
     "-1&2\\end{pmatrix}$, de tamaño $k = 2$.\n"
     "\n"
     "- $Y_{21} = x_{11}k_{21} + x_{21}k_{11} = -1 + 3 = 2$\n"
     "- $Y_{31} = x_{21}k_{21} = 3\\cdot(-1) = -3$\n",
     ("= -3$", "= 3$")),
    ("a_table_row_s_value_is_the_function_s_value_there_not_a_constant",
     # v̂_i = 0.25 in a row, then ∂v̂_i/∂s: differentiated as the given number (0, a ✗);
     # ⌊x⌉ (to the nearest) was unread, and its derivative the straight-through 1 a reading
     "Let $s > 0$, $\\bar v_i = \\lfloor v_i/s\\rceil$ and $\\hat v_i = \\bar v_i s$. With the "
     "straight-through estimator, $\\partial \\hat v_i/\\partial s = \\bar v_i - v_i/s$.\n"
     "\n"
     "Take $s = 0.25$ and $v = (0.31, 0.9)$.\n"
     "\n"
     "| $i$ | $v_i/s$ | $\\bar v_i$ | $\\hat v_i$ | $\\partial\\hat v_i/\\partial s$ |\n"
     "|---|---|---|---|---|\n"
     "| 1 | 1.24 | 1 | 0.25 | $-1.24 + 1 = -0.24$ |\n"
     "| 2 | 3.6 | 4 | 1 | $-3.6 + 4 = 0.4$ |\n",
     ("= 0.4$", "= 0.5$")),
    ("a_point_set_apart_in_words_defines_nothing",
     # "(non définie aux seuils $w = (k+½)Δ$)" defined w, so every later step through w asked
     # for k
     "On quantifie un poids avec un pas $\\Delta > 0$ : $w_q = \\Delta\\lfloor w/\\Delta"
     "\\rceil$, constante par morceaux (et non définie aux seuils $w = "
     "(k+\\tfrac12)\\Delta$).\n"
     "\n"
     "Soit $\\mathcal{L} = (w_q x - t)^2$ ; alors $\\frac{\\partial \\mathcal{L}}{\\partial w_q} "
     "= 2(w_q x - t)x$.\n"
     "\n"
     "Avec $w = 0{,}37$ et $\\Delta = 0{,}1$ : $w/\\Delta = 3{,}7$ et $w_q = 0{,}1\\cdot"
     "\\lfloor 3{,}7\\rceil = 0{,}4$.\n",
     ("= 0{,}4$", "= 0{,}3$")),
    ("lg_is_a_logarithm_to_base_10_or_2",
     # \\lg of Russian and German texts (base 10), and of some computer science (base 2)
     "В децибелах $10\\lg 2^{2b} = 20 b \\lg 2$, и при $b = 8$: $10\\lg 65\\,536 \\approx "
     "48{,}16$ дБ, а $\\lg 8 = 3$ в двоичном смысле.\n",
     ("48{,}16", "48{,}61")),
    # -- read since the ninety-first corpus --
    ("a_change_of_unit_is_no_arithmetic",
     # 4096 byte = 4 KiB, 1 KiB = 1024 (bytes in words): numbers in two units (each was a ✗,
     # the units dropped)
     "Here $1\\ \\mathrm{KiB} = 1024$ bytes, and the layer stores\n"
     "\n"
     "$$(1000 + 24)\\cdot 4 = 4096 \\text{ byte} = 4 \\text{ KiB}.$$\n",
     ("= 4096 ", "= 4196 ")),
    # -- read since the ninetieth corpus --
    ("an_antiderivative_between_its_limits",
     # [F]_a^b after an integral: F(b) − F(a) in the one variable F has (read as F indexed
     # at a, "the index −Δ/2 is not an integer", every such step was unreadable)
     "The step of the quantizer is $\\Delta > 0$:\n"
     "\n"
     "$$\\frac{1}{\\Delta}\\int_{-\\Delta/2}^{\\Delta/2} e^2\\,de = "
     "\\frac{1}{\\Delta}\\left[\\frac{e^3}{3}\\right]_{-\\Delta/2}^{\\Delta/2} = "
     "\\frac{\\Delta^2}{12}.$$\n"
     "\n"
     "And $\\Big[x^2 - x\\Big]_0^2 = 2$.\n",
     ("{12}", "{6}")),
    ("an_entry_squared_is_no_antiderivative",
     # [z]_1^2: the first entry squared, not z from 1 to 2 (read so, 2 − 1 = 1 against 9: a ✗)
     "Let $z = (3, 4)$. Then $[z]_1^2 = 9$ and $[z]_2^2 = 16$.\n",
     ("= 9$", "= 10$")),
    # -- read since the eighty-ninth corpus --
    ("a_matrix_of_decimals_with_zeros_among_them_is_read_to_its_digits",
     # ≈ a matrix of four-digit decimals with exact zeros among them: the zeros have no
     # digits, and the rule counted them against the decimals (no slack at all: a ✗)
     "$$M = \\begin{pmatrix} \\tfrac13 & \\tfrac{1}{\\sqrt2} & 0 \\\\ \\tfrac{1}{\\sqrt3} & "
     "\\tfrac16 & \\tfrac{1}{\\sqrt5} \\\\ 0 & \\tfrac{1}{\\sqrt6} & \\tfrac17 \\\\ \\tfrac19 & 0 & "
     "\\tfrac{1}{\\sqrt7}\\end{pmatrix} \\approx \\begin{pmatrix} 0{,}3333 & 0{,}7071 & 0 "
     "\\\\ 0{,}5774 & 0{,}1667 & 0{,}4472 \\\\ 0 & 0{,}4082 & 0{,}1429 \\\\ 0{,}1111 & 0 & "
     "0{,}3780\\end{pmatrix}$$\n",
     ("0{,}4472", "0{,}5472")),
    ("a_member_primed_after_its_index_is_a_family",
     # h_v' = σ(z_v): the next layer's h', a family of its own, as g'_t is (it was "not the
     # derivative of a function", and its steps unreadable)
     "For every node $v$: $z_v = 2x_v$ and $h_v' = \\sigma(z_v)$, the next layer's state.\n"
     "\n"
     "With $x_1 = 0$: $h_1' = \\sigma(z_1) = \\sigma(0) = 0{,}5$.\n",
     ("= 0{,}5$", "= 0{,}6$")),
    ("an_accent_without_braces_takes_one_letter",
     # \hat AHW_2 is \hat{A} H W_2, as TeX reads it (the letters before the subscript were
     # one upright name under the hat, \hat{AHW}_2, and the step was dropped)
     "Take $\\hat A = 2$, $H = 3$ and $W_2 = 5$. Then $\\hat AHW_2 = 30$.\n",
     ("= 30", "= 40")),
    ("the_size_of_a_set_written_out",
     # |V|, |E| of sets the text writes out: their numbers of elements (drawn as numbers,
     # each step was a question "at which E is this meant?")
     "Take the graph with $V = \\{1,2,3,4\\}$ and $E = \\{\\{1,2\\},\\{2,3\\},\\{2,4\\}\\}$: it "
     "is a tree, $|V| - 1 = 3 = |E|$, and the degrees sum to $2|E| = 6$.\n",
     ("2|E| = 6", "2|E| = 8")),
    # -- read since the eighty-seventh and eighty-eighth corpora --
    ("a_count_stated_as_a_number_keeps_no_array_apart",
     # d = 4 stated, g written with 4 entries: the sum over g's entries runs to 4 (the
     # size d took kept g's apart, 3 entries summed: a ✗)
     "Uma camada com $d=4$ recebe $\\tilde{\\mathbf g}=(1;\\ 0;\\ 0;\\ 0{,}5)$, e "
     "$\\frac1d\\sum_j\\tilde g_j=1{,}5/4=0{,}375$.\n"
     "\n"
     "Num lote $\\mathbf{X}\\in\\mathbb{R}^{B\\times d}$ a LayerNorm normaliza cada "
     "linha.\n",
     ("=1{,}5/4", "=2{,}5/4")),
    ("a_paragraph_labelled_as_mistakes_quotes_them",
     # under *Errori frequenti:* the formulas are quoted wrong answers (σ' = 1 − σ² was
     # checked as a claim: a ✗)
     "**(e)** Poiché la derivata della sigmoide è $\\sigma'(a) = "
     "\\sigma(a)\\,(1-\\sigma(a))$, con $a = 1$ si ha $\\sigma(1)\\,(1-\\sigma(1)) "
     "\\approx 0{,}1966$.\n"
     "\n"
     "*Errori frequenti:* dimenticare il termine $\\delta c_t \\odot f_t$ in (d) (−3 "
     "punti); scrivere $\\sigma'(a) = 1-\\sigma(a)^2$ in (e) (−2 punti).\n",
     ("(1-\\sigma(a))$, ", "(1+\\sigma(a))$, ")),
    ("a_checkmark_after_a_result_ends_it",
     # 2480. \checkmark: the mark ends the result (unreadable before)
     "$$P = 4\\cdot 620 = 2480. \\checkmark$$\n",
     ("= 2480.", "= 2490.")),
    ("a_name_given_a_number_stays_one_beside_its_family",
     # h = 20 units, then the states h_t: h alone is still 20 (read as the family, the
     # counts were unreadable)
     "Let $d$ = input features (here $d = 10$) and $h$ = units ($h = 20$). Every "
     "recurrent layer stores a kernel of shape $(d, h)$ acting on $x_t$.\n"
     "\n"
     "**SimpleRNN.** One block, $h_t = \\tanh(x_t W + h_{t-1} U + b)$:\n"
     "\n"
     "$$P = dh + h^2 + h = h(d+h) + h = 20\\cdot 30 + 20 = 620.$$\n",
     ("h(d+h) + h = 20\\cdot 30", "h(d+h) + h = 20\\cdot 40")),
    ("a_primed_family_is_a_name",
     # g'_t = g_t + λθ_{t−1}: the family g', not a derivative of g (its steps were
     # unreadable)
     "$$g'_t = g_t + \\lambda\\theta_{t-1}, \\quad m_t = \\beta m_{t-1} + "
     "(1-\\beta)\\,g'_t$$\n"
     "with $\\beta = 0{,}9$, $\\lambda = 0{,}1$, $m_0 = 0$, $\\theta_0 = 2$ and $g_1 = "
     "0{,}1$.\n"
     "\n"
     "Then $g'_1 = 0{,}1 + 0{,}1\\cdot 2 = 0{,}3$ and $m_1 = 0{,}1\\cdot 0{,}3 = "
     "0{,}03$.\n",
     ("= 0{,}03$", "= 0{,}04$")),
    ("a_matrix_of_decimals_after_approx_is_its_value_rounded",
     # X̂ ≈ (a matrix of decimals): its value to the digits shown (the step was dropped)
     "Let $A = \\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}$. Then $A/3 \\approx "
     "\\begin{pmatrix}0{,}3333&0{,}6667\\\\1&1{,}3333\\end{pmatrix}$.\n",
     ("1{,}3333\\end", "1{,}3433\\end")),
    ("a_step_at_the_size_an_example_states",
     # D = 2 stated beside N = 2: W drawn at the stated 2×3 (the two counts were kept apart,
     # D = 4 chosen and W summed over 2 of its rows: a ✗, then a question)
     "Stack $N$ inputs as the rows of $X \\in \\mathbb{R}^{N \\times D}$; with "
     "$W \\in \\mathbb{R}^{D \\times M}$ the layer computes\n"
     "\n"
     "$$Y_{n,m} = \\sum_{d=1}^{D} X_{n,d} W_{d,m}.$$\n"
     "\n"
     "In the example below $N = 2$, $D = 2$, $M = 3$, and\n"
     "\n"
     "$$\\|W\\|_F^2 = \\sum_{d=1}^{D} \\sum_{m=1}^{M} W_{d,m}^2 .$$\n",
     ("W_{d,m}^2 .", "W_{d,m}^3 .")),
    # -- read since the eighty-fifth and eighty-sixth corpora --
    ("a_tuple_written_with_semicolons_after_a_matrix",
     # A⁻¹(7 ; 7)ᵀ: a matrix times the tuple the semicolons separate (A⁻¹ was applied to 7
     # with a parameter 7, the tuple dropped: a ✗)
     "Soit $A = \\begin{pmatrix}2&1\\\\1&3\\end{pmatrix}$, donc $A^{-1} = "
     "\\tfrac15\\begin{pmatrix}3&-1\\\\-1&2\\end{pmatrix}$ et\n"
     "$$A^{-1}(7\\,;\\,7)^\\top = \\tfrac15\\,(14\\,;\\,7)^\\top = (2{,}8\\,;\\,1{,}4)^\\top$$\n",
     ("(2{,}8\\,;\\,1{,}4)", "(2{,}8\\,;\\,1{,}5)")),
    ("an_objective_stated_with_min_is_defined_there",
     # \min f(x) = …: the objective defined where the problem states it (min times f times
     # x, a ✗; under "Solve" an equation to solve, f undefined)
     "Solve\n"
     "$$\\min\\ f(x) = (x_1-2)^2 + (x_2-1)^2 \\quad\\text{s.t.}\\quad x_1 + x_2 \\le 2.$$\n"
     "The gradient is $\\nabla f = \\begin{bmatrix} 2(x_1-2)\\\\ "
     "2(x_2-1)\\end{bmatrix}$.\n",
     ("2(x_2-1)\\end", "2(x_2+1)\\end")),
    ("the_first_part_of_a_chain_set_to_zero_is_claimed",
     # ∂𝓛/∂p = … = 0 after "setting to zero": the derivative is claimed, only the last link
     # is the equation (the whole chain went unchecked, a dropped −1 missed)
     "Let $\\mathcal L(p) = -p\\ln p + \\lambda p$. Setting the derivative to zero:\n"
     "$$\\frac{\\partial \\mathcal L}{\\partial p} = -\\ln p - 1 + \\lambda = 0.$$\n",
     ("-\\ln p - 1 + \\lambda = 0", "-\\ln p + \\lambda = 0")),
    ("constraints_listed_under_a_colon_are_not_claims",
     # a list under "subject to the constraints:": what the solution must satisfy (the
     # second item was a claim with Ē drawn, a ✗)
     "We look for the distribution $p=(p_1,\\dots,p_K)$ of largest entropy, subject "
     "to the constraints:\n"
     "\n"
     "1. $\\sum_{k=1}^K p_k = 1$;\n"
     "2. $\\sum_{k=1}^K p_k E_k = \\bar E$.\n"
     "\n"
     "The entropy is $H(p) = -\\sum_k p_k \\ln p_k$, and $\\frac{\\partial H}{\\partial "
     "p_k} = -\\ln p_k - 1$.\n",
     ("-\\ln p_k - 1$", "-\\ln p_k$")),
    ("a_law_of_a_condition_is_not_the_law_without_it",
     # p(z) = 𝒩(z; 0, 1) beside p(x | z) = 𝒩(x; z, s²): the second a law of its own, as
     # stated (p at x with z a parameter gave a ✗)
     "Model: $p(z) = \\mathcal N(z;0,1)$ and $p(x\\mid z) = \\mathcal N(x; z, s^2)$ "
     "with $s^2$ known; check numerically with $x = 1$, $s^2 = 1$.\n"
     "\n"
     "Then $\\log p(x\\mid z) = -\\tfrac12\\log(2\\pi s^2) - \\frac{(x-z)^2}{2s^2}$.\n",
     ("{(x-z)^2}{2s^2}", "{(x-z)^2}{s^2}")),
    ("a_name_written_as_a_function_of_its_argument",
     # "where $a = a(x)$ is the logit": a depends on x (a definition of a by itself made
     # every step with a unreadable)
     "The discriminator is $D(x) = \\sigma(a)$, where $a = a(x)$ is the logit. Then\n"
     "$$\\frac{\\partial}{\\partial a}\\big(-\\log D(x)\\big) = -(1-\\sigma(a)).$$\n",
     None),
    ("the_least_value_of_a_defined_function_defines_nothing",
     # with f defined, "\min f(x) = 0" is about f's least value: it defines no new f (it was
     # read as f's definition, then as a value at an unnamed x)
     "Let $f(x) = (x-2)^2$. We solve\n$$\\min\\ f(x) = 0,$$\nand $f(3) = 1$.\n",
     None),
    # -- read since the eighty-third and eighty-fourth corpora --
    ("an_equality_before_a_bound_is_claimed",
     # f'(x) = x² + 1 > 0: the equality before the bound is a claim (the chain was left
     # unchecked)
     "Let $f(x) = x^3/3 + x$. Its derivative is $f'(x) = x^2 + 1 > 0$, so $f$ increases.\n",
     ("x^2 + 1 > 0", "x^2 + 2 > 0")),
    ("a_label_among_classes_counted_by_a_letter_is_an_index",
     # y_n ∈ {1, …, C} with C a letter: an index over C's values (it went unread, y was drawn
     # as real numbers, and this correct sum was a ✗)
     "Data $\\mathcal{D} = \\{(\\boldsymbol{x}_n, y_n)\\}_{n=1}^{N}$ with labels $y_n \\in \\{1, "
     "\\dots, C\\}$, smoothed targets $\\tilde{y}_{nc} = (1 - \\epsilon)\\, "
     "\\mathbb{I}(y_n = c) + \\epsilon / C$, so $\\sum_{c=1}^{C} \\tilde{y}_{nc} = (1 - \\epsilon) + "
     "C \\cdot \\epsilon / C = 1$.\n",
     ("= (1 - \\epsilon) + C \\cdot", "= (1 - \\epsilon) + 2 \\cdot")),
    ("a_matrix_of_one_hot_rows_at_the_labels",
     # Y of one-hot rows at the labels y_n, with the row-wise softmax: a pair of readings, tried
     # before the free inputs' domains
     "$X \\in \\mathbb{R}^{N \\times D}$, $W \\in \\mathbb{R}^{D \\times C}$, labels $y_n \\in \\{1, "
     "\\dots, C\\}$, $Y$ = one-hot labels ($N \\times C$).\n\n"
     "$Z = XW$, $P = \\mathrm{softmax}(Z)$ (row-wise), $L = -\\frac{1}{N}\\sum_{n=1}^{N} \\log "
     "P_{n, y_n}$.\n\n"
     "Then $\\frac{\\partial L}{\\partial Z} = \\frac{1}{N}(P - Y)$.\n",
     None),
    ("a_family_marked_with_its_layer_is_differentiated_by_its_members",
     # Nielsen's z^L_j: differentiated by the family, a^L_j did not see it (left 0, a ✗), and the
     # softmax's k ran over the layer's inputs
     "weighted inputs $z^L_j = \\sum_k w^L_{jk} x_k + b^L_j$:\n\n"
     "$$a^L_j = \\frac{e^{z^L_j}}{\\sum_k e^{z^L_k}}$$\n\n"
     "$$\\frac{\\partial a^L_j}{\\partial z^L_j} = a^L_j (1 - a^L_j)$$\n",
     ("a^L_j (1 - a^L_j)$$", "a^L_j (1 + a^L_j)$$")),
    ("a_matrix_said_in_words_with_sizes_named_by_letters",
     # "a nonsingular n × n matrix" with n a letter: X was a number, and X^{-1} held
     "Let $X$ be a nonsingular $n\\times n$ matrix.\n\n"
     "$$\\frac{\\partial \\log|X|}{\\partial X} = (X^{-1})^\\top$$\n",
     ("(X^{-1})^\\top$$", "X^{-1}$$")),
    ("d_before_a_function_written_without_parentheses",
     # d tr AX⁻¹: d of tr(AX⁻¹) as a reading (d of tr A alone gave 0, a ✗)
     "Let $X$ be a nonsingular $n\\times n$ matrix and $A$ a constant $n\\times n$ matrix. "
     "Since $\\mathrm{d}X^{-1} = -X^{-1}(\\mathrm{d}X)X^{-1}$,\n"
     "$$\\mathrm{d}\\operatorname{tr}AX^{-1} = -\\operatorname{tr}AX^{-1}(\\mathrm{d}X)X^{-1}$$\n",
     ("(\\mathrm{d}X)X^{-1}$$", "(\\mathrm{d}X)X^{-2}$$")),
    ("vec_and_kroneckers_product",
     # vec and ⊗ of matrices (Kronecker's product; ⊗ was the outer product uvᵀ only)
     "Seien $A\\in\\mathbb{R}^{m\\times n}$, $X\\in\\mathbb{R}^{n\\times p}$ und "
     "$B\\in\\mathbb{R}^{p\\times q}$. Dann gilt\n"
     "$$\\operatorname{vec}(AXB) = (B^\\top\\otimes A)\\operatorname{vec}X$$\n",
     ("(B^\\top\\otimes A)", "(A\\otimes B^\\top)")),
    ("a_function_defined_in_an_earlier_example_may_be_the_one_meant",
     # a check of example 2 after example 3 defines f anew: f(X) at either definition (a ✗
     # with f of example 3)
     "**Example 2.** $f(X) = \\operatorname{tr}(AX^{-1})$.\n\n"
     "**Example 3.** $f(X) = \\operatorname{tr}(X^\\top A X)$.\n\n"
     "**Check of example 2.** With $A = \\begin{pmatrix} 1 & 1\\\\ 0 & 1\\end{pmatrix}$ and "
     "$X = \\begin{pmatrix} 2 & 0\\\\ 1 & 1\\end{pmatrix}$, $f(X) = 0 + 1 = 1$.\n",
     ("f(X) = 0 + 1 = 1", "f(X) = 0 + 2 = 2")),
    ("a_function_said_where_it_is_defined_is_all_of_it",
     # "for x ≠ 0" after f(x) = 1/‖x‖ is where f is defined, not a case of it (every step
     # with f asked whether f was new)
     "$f(x) = \\dfrac{1}{\\|x\\|}$ for $x\\neq 0$, so $\\nabla f = -\\dfrac{x}{\\|x\\|^{3}}$.\n",
     ("\\|x\\|^{3}}", "\\|x\\|^{3/2}}")),
    ("a_one_hot_label_reached_through_the_loss",
     # y one-hot at c, reached only through L's definition (it was drawn, a ✗)
     "Logits $z \\in \\mathbb{R}^K$, $p = \\operatorname{softmax}(z)$, a one-hot vector $y$ "
     "(class $c$, $y_c = 1$), $L = -\\sum_j y_j \\log p_j$. Then\n"
     "$$\\lVert \\nabla_z L\\rVert_2^2 = (1-p_c)^2 + \\sum_{j\\neq c} p_j^2$$\n",
     ("(1-p_c)^2", "(1+p_c)^2")),
    ("pi_defined_by_the_text_is_its_own",
     # "sea π = softmax(z)": the text's π (it was 3.14…, a ✗)
     "Sea $\\pi=\\mathrm{softmax}(z)$ con $z\\in\\mathbb{R}^3$ y "
     "$H=-\\sum_i \\pi_i\\log\\pi_i$. Entonces\n"
     "$$\\frac{\\partial H}{\\partial z_j}=-\\pi_j\\,(\\log\\pi_j + H)$$\n",
     ("-\\pi_j\\,(\\log\\pi_j + H)", "\\pi_j\\,(H - \\log\\pi_j)")),
    # -- read since the seventy-ninth and eightieth corpora --
    ("a_sample_the_text_gives_by_number_is_that_member_of_the_family_declared",
     # x_i ∈ ℝ² for every i, then x_1 = (3; 2): in the row i = 1, x_i is x_1 (it was drawn,
     # and with w updated below the example, the row a ✗)
     "Let $x_i \\in \\mathbb{R}^2$ and $f(x) = w^\\top x + b$.\n"
     "\n"
     "Take $x_1 = (3 ; 2)$, $x_2 = (1 ; 2)$, and evaluate at $w = (0{,}5 ; 0{,}5)$, $b = -1$:\n"
     "\n"
     "| $i$ | $f(x_i)$ |\n"
     "|---|---|\n"
     "| 1 | $f(x_i) = 1{,}5 + 1 - 1 = 1{,}5$ |\n"
     "| 2 | $f(x_i) = 0{,}5 + 1 - 1 = 0{,}5$ |\n"
     "\n"
     "A step of size $0{,}1$ gives $w \\leftarrow (0{,}5 ; 0{,}5) - 0{,}1\\,(1 ; 1) = "
     "(0{,}4 ; 0{,}4)$.\n",
     ("= 1{,}5 + 1 - 1 = 1{,}5$", "= 1{,}5 + 1 + 1 = 3{,}5$")),
    ("a_condition_naming_a_letter_with_no_value_restricts_nothing",
     # "y_k = 1 für k = c" with c given a value only later: k = c said what c is; it held
     # the steps below to no k at all (every one unreadable)
     "Gegeben sind Logits $\\mathbf{z} \\in \\mathbb{R}^K$, Wahrscheinlichkeiten $p_k = "
     "\\operatorname{softmax}(\\mathbf{z})_k = e^{z_k} / \\sum_{j=1}^K e^{z_j}$ und die wahre "
     "Klasse $c$. Beim Label Smoothing mit Parameter $\\varepsilon$ ersetzt man das "
     "One-Hot-Label $\\mathbf{y}$ (mit $y_k = 1$ für $k = c$, sonst $0$) durch die "
     "geglättete Zielverteilung\n"
     "\n"
     "$$\n"
     "q_k = (1-\\varepsilon)\\, y_k + \\frac{\\varepsilon}{K}, \\qquad \\mathcal{L} = "
     "-\\sum_{k=1}^K q_k \\log p_k .\n"
     "$$\n"
     "\n"
     "Zu zeigen: $\\partial \\mathcal{L} / \\partial z_i = p_i - q_i$.\n"
     "\n"
     "Für $\\varepsilon = 0$ gilt $\\nabla_{\\mathbf{z}} \\mathcal{L} = \\mathbf{p} - "
     "\\mathbf{y}$.\n",
     ("= p_i - q_i$", "= q_i - p_i$")),
    ("a_plain_tex_font_switch_is_the_style_it_names",
     # β̂^{\\rm ridge} (Hastie et al.): the label "ridge", as \\mathrm{ridge} (its d stood
     # alone, a derivative's d)
     "With $\\lambda = 2$ the ridge estimate is $\\hat\\beta^{\\rm ridge} = 2/(2 + 1) = 0.667$, "
     "and twice it is $2\\hat\\beta^{\\rm ridge} = 1.333$.\n",
     ("= 1.333$", "= 1.5$")),
    ("a_table_row_gives_the_member_at_its_index_not_every_member",
     # t = 2, g_t = 0.5 in a row: g_2 is 0.5 (g_t was 0.5 for every t, and G_2 = G_1 + g_2²
     # summed with g_1 = 0.5, a ✗)
     "Adagrad sums the squared gradients: $$G_t = G_{t-1} + g_t^2,$$ starting from $G_0 = 0$. "
     "The gradients are $g_1 = 1.0,\\ g_2 = 0.5$.\n"
     "\n"
     "| $t$ | $g_t$ | $G_t$ |\n"
     "|---|---|---|\n"
     "| 1 | 1.0 | $0 + 1.0 = 1.0$ |\n"
     "| 2 | 0.5 | $1.0 + 0.25 = 1.25$ |\n",
     ("$1.0 + 0.25 = 1.25$", "$1.0 + 0.25 = 1.5$")),
    ("an_index_the_text_leaves_out_is_not_made_0",
     # "we ignore i" of the row index (W_{ij}, s_i): left out of the notation, not negligible
     # (read as i ≈ 0, every step after it held at no index)
     "For every row $i$ of $W \\in \\mathbb{R}^{2 \\times 3}$ let $s_i = \\sum_{j=1}^{3} W_{ij}$. "
     "Rows are independent, so we ignore $i$ and write $W_{ij}$ for one row.\n"
     "\n"
     "$$\\frac{\\partial s_i}{\\partial W_{ik}} = 1$$\n",
     ("= 1$$", "= 2$$")),
    ("a_local_gradient_holds_the_node_s_other_inputs",
     # "local gradients" of the node f = s·x, s itself a function of x: ∂f/∂x = s is the
     # node's own partial (along every path it is s + xy, and was a ✗)
     "The graph has nodes $p = xy$, $s = p + z$ and $f = s\\cdot x$, evaluated at $x = 2$, "
     "$y = -1$, $z = 3$.\n"
     "\n"
     "Forward: $p = -2$, $s = 1$, $f = 2$. Local gradients of the last node: "
     "$\\partial f/\\partial s = x = 2$ and $\\partial f/\\partial x = s = 1$.\n",
     ("\\partial x = s = 1", "\\partial x = 2s = 2")),
    ("a_name_given_two_values_in_one_question_is_at_either",
     # a = 0.8 (sigmoid)? and a = 0.6 (tanh)? in one question: the first answer is at 0.8 (it
     # was read at the last value given, 0.6, and was a ✗)
     "If a neuron's output is $a = 0.8$ (sigmoid), what is its local derivative? And for a "
     "tanh with output $a = 0.6$?\n"
     "\n"
     "- sigmoid: $a(1-a) = 0.8 \\cdot 0.2 = 0.16$\n"
     "- tanh: $1 - a^2 = 1 - 0.36 = 0.64$\n",
     ("0.8 \\cdot 0.2", "0.8 \\cdot 0.3")),
    ("a_product_without_limits_divided_by_a_number_may_end_before_it",
     # ∏|w_k| /4³: the product, divided by 4³ (read with the division inside the product,
     # it was a ✗ on an Italian exam key)
     "With weights $w = (2, -1, 1{,}5)$ the bound is $\\prod|w_k| /4^3 = 3/64$.\n",
     ("= 3/64$", "= 3/32$")),
    ("a_row_of_numbers_set_apart_by_spaces_is_a_list",
     # (1\\ \\ 0\\ \\ 0.5): a row whose entries are spaced apart (read as their product, it
     # was a ✗ before a planted line)
     "The weight gradient is $0.5 \\cdot (2, 0, 1) = (1\\ \\ 0\\ \\ 0.5)$.\n",
     ("0\\ \\ 0.5)", "0\\ \\ 0.7)")),
    ("a_sum_letter_runs_over_what_it_indexes_there",
     # Σ_k e^{z_k} over z's entries, with k also z_j = Σ_k w_jk x_k's own letter (k ran over
     # x's entries in both, and ∂a_j/∂z_j = a_j(1 − a_j) was a ✗)
     "Weighted inputs $z_j = \\sum_k w_{jk} x_k + b_j$ and outputs\n"
     "$$a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}$$\n"
     "Then $\\frac{\\partial a_j}{\\partial z_j} = a_j (1 - a_j)$.\n",
     ("a_j (1 - a_j)", "a_j (1 + a_j)")),
    # -- read since the seventy-seventh and seventy-eighth corpora --
    ("a_matrix_s_infinity_norm_may_be_its_largest_row_sum",
     # ‖A‖_∞ of a matrix: entry by entry, or induced (Zeilensummennorm); it was the largest
     # entry only, and the row-sum norm a ✗
     "Mit $A = \\begin{pmatrix} 1 & 1 \\\\ 1 & 3 \\end{pmatrix}$ ist die Zeilensummennorm "
     "$\\|A\\|_\\infty = 4$.\n",
     ("= 4$", "= 5$")),
    ("a_class_label_may_be_counted_from_0",
     # 𝟙_y with y = 1 "(classes numbered from 0)": the second class (built counted from 1,
     # p − 𝟙_y was a ✗)
     "Probabilities $p = (0.3,\\ 0.7)$, correct class $y = 1$ (classes numbered from 0), so "
     "$p - \\mathbb{1}_y = (0.3,\\ -0.3)$.\n",
     ("-0.3)$", "-0.4)$")),
    # -- read since the seventy-fifth and seventy-sixth corpora --
    ("a_gradient_of_a_gradient_is_the_hessian",
     # ∇_a∇_a E: the inner gradient's numbers did not follow the outer variable (it was 0)
     "Let $\\mathbf{a}$ be a vector of $K$ activations and\n"
     "$$E(\\mathbf{a}) = \\sum_{k=1}^{K} a_k^3 .$$\n"
     "\n"
     "$$\\nabla_{\\mathbf{a}}\\nabla_{\\mathbf{a}} E = 6\\,\\mathrm{diag}(\\mathbf{a})$$\n",
     ("= 6\\,\\mathrm{diag}", "= 3\\,\\mathrm{diag}")),
    ("a_whole_number_after_approx_is_rounded_to_its_last_digit_not_zero",
     # ≈ 11{,}400 in English: thousands, rounded to its hundreds (read with a decimal comma,
     # and as an exact whole number, 11,396 ≈ 11,400 was a ✗)
     "At 0.4 kg per kWh this is about $28{,}490 \\times 0.4 \\approx 11{,}400$ kg.\n",
     ("\\approx 11{,}400", "\\approx 11{,}300")),
    ("a_number_in_scientific_notation_is_a_logarithm_s_whole_argument",
     # log₁₀ 8.8×10¹³ is log₁₀ of the number, not (log₁₀ 8.8)·10¹³
     "$$0.076\\,(\\log_{10} 8.8\\times10^{13} - 9) = 0.076 \\times 4.9445 "
     "\\approx 0.3758$$\n",
     ("0.076 \\times 4.9445", "0.076 \\times 4.8445")),
    ("a_value_given_in_another_unit_may_be_what_the_text_goes_on_with",
     # a = 2sh = … bytes $= 16$ MiB, then f = n·16 + …: a in MiB (it was checked in bytes)
     "Let $s = 2048$, $h = 4096$ and $n = 64$ layers, with $f(k) = \\frac{n}{k}\\,a + k\\,b$.\n"
     "\n"
     "- the layer input: $a = 2\\,s\\,h = 2 \\cdot 2048 \\cdot 4096$ bytes $= 16$ MiB;\n"
     "- the layer's activations: $b = 2048 \\cdot 4096 \\cdot 114 = 956\\,301\\,312$ bytes "
     "$= 912$ MiB;\n"
     "- so $f(1) = 64 \\cdot 16 + 1 \\cdot 912 = 1936$ MiB.\n",
     ("= 1936$", "= 1946$")),
    ("a_slash_before_a_product_may_divide_by_all_of_it",
     # 3N/2N in running text: 3N over 2N (read as (3N/2)·N, 1.5 was a ✗)
     "With $N = 7 \\times 10^{9}$ parameters the traffic is $3N/2N = 1.5$ times the DDP "
     "volume.\n",
     ("= 1.5$", "= 2.5$")),
    ("a_value_after_words_that_follow_a_comma_is_said_of_the_words",
     # "≈ 0,00943, \qquad \text{desviación típica} ≈ 0,0971": the second number is the
     # words' (it was checked as 0.00943 ≈ 0.0971)
     "La varianza de la posterior es\n"
     "$$\n"
     "\\frac{15 \\cdot 7}{22^2 \\cdot 23} \\approx 0{,}00943, \\qquad "
     "\\text{desviación típica} \\approx 0{,}0971 .\n"
     "$$\n",
     ("\\approx 0{,}00943,", "\\approx 0{,}00953,")),
    ("a_star_subscript_names_a_variant_not_an_index",
     # μ_*: the ensemble's mean (* was drawn as an index, and μ_m − μ_* = (…) failed)
     "Let $M = 4$ and $\\mu = (1.0,\\ 1.2,\\ 0.8,\\ 1.4)$. The mean is "
     "$\\mu_* = 4.4/4 = 1.1$, the deviations $\\mu_m - \\mu_* = (-0.1,\\ 0.1,\\ -0.3,\\ 0.3)$.\n",
     ("-0.3,\\ 0.3)", "-0.3,\\ 0.7)")),
    ("a_sum_below_or_up_to_an_index_is_read",
     # Σ_{i<j}, Σ_{i≤j} (they were "not read")
     "Let $x = (2, 5, 1)$. Then $\\sum_{i<3} x_i = 7$ and $\\sum_{i \\le 3} x_i = 8$.\n",
     ("= 7$", "= 6$")),
    ("a_running_maximum_may_start_at_minus_infinity",
     # m_0 = −∞: e^{m_0 − m_1} is 0 (∞ was "where a number belongs")
     "For $x = (1, 3, 2)$ we keep\n"
     "$$m_j = \\max(m_{j-1},\\, x_j), \\qquad \\ell_j = \\ell_{j-1}\\, e^{m_{j-1} - m_j} + "
     "e^{x_j - m_j}, \\qquad m_0 = -\\infty,\\ \\ell_0 = 0$$\n"
     "\n"
     "$$\\ell_3 = e^{-2} + 1 + e^{-1}$$\n",
     ("+ e^{-1}$$", "+ e^{-3}$$")),
    ("a_sum_of_basis_vectors_is_sized_by_its_index_range",
     # Σ_k p_k e_k e_kᵀ: e_k as k runs over 1…3 is a vector of 3 (it was "a basis vector where
     # a number belongs")
     "Let $p = (0.2, 0.3, 0.5)$. Then $\\sum_{k=1}^{3} p_k e_k e_k^\\top = \\mathrm{diag}(p)$ and "
     "$\\sum_{k=1}^{3} p_k e_k = p$.\n",
     ("= \\mathrm{diag}(p)$", "= 2\\,\\mathrm{diag}(p)$")),
    ("a_name_declared_a_vector_may_be_the_number_an_example_gives_it",
     # v ∈ ℝ^n a direction, then v = 2 a weight of the example (it was "which entries of v
     # are 2?")
     "For any direction $v \\in \\mathbb{R}^n$ the form $v^\\top G v$ is a sum of squares.\n"
     "\n"
     "Example: one unit with output $z = v \\tanh(w x)$ at $x = 1$, $w = 0.5$ and $v = 2$, so "
     "$z = 2 \\tanh(0.5) = 0.9242$.\n",
     ("= 0.9242$", "= 0.9342$")),
    # -- read since the seventy-third and seventy-fourth corpora --
    ("a_definition_written_with_triangleq_is_a_definition",
     # ≜ (\triangleq) is a definition's sign: read as a product of unknowns, the
     # correct ᾱ_t = α_t ᾱ_{t−1} was a ✗ resting on α and ᾱ drawn apart
     "The schedule: we define $a_t \\triangleq 1 - b_t$ and $c_t \\triangleq \\prod_{s=1}^{t} a_s$, "
     "with $b_t \\in (0, 1)$.\n"
     "\n"
     "$$1 - a_t c_{t-1} = 1 - c_t$$\n",
     ("= 1 - c_t$$", "= 1 + c_t$$")),
    ("a_case_condition_may_chain_two_relations",
     # −1 ≤ x < 0 as a case's condition (F was unread, and F(±1) = ±1 defined F anew)
     "$$F(x) = \\begin{cases} -1, & x < -1,\\\\ 2x + x^2, & -1 \\le x < 0,\\\\ 2x - x^2, & "
     "0 \\le x < 1,\\\\ 1, & x \\ge 1,\\end{cases}$$\n"
     "\n"
     "It is continuous, and its slope at the middle is $F'(0.5) = 1$.\n",
     ("F'(0.5) = 1$", "F'(0.5) = 1.5$")),
    ("a_value_given_after_a_definition_holds_for_the_example_after_it",
     # "π = softmax(z) with z = (1, 0, −1)": z's value for the steps after it too (kept
     # to the display before, z − log Σ e^{z_k} = z − 1.4076 was a ✗ at a drawn z)
     "**Toy policy.** Three responses, $\\pi_\\theta = \\mathrm{softmax}(z)$ with $z = (1, 0, -1)$, "
     "uniform reference, $\\beta = 0.5$.\n"
     "\n"
     "- $\\log\\pi_\\theta = z - \\log\\sum_k e^{z_k} = z - 1.4076 = (-0.4076, -1.4076, -2.4076)$.\n",
     ("-2.4076)", "-2.4176)")),
    ("a_subscript_letter_may_be_the_label_a_value_is_given_for",
     # y_w = 1 given: z_w may be z at y_w (read as any index w, the margin was a ✗)
     "Scores $z = (1, 0, -1)$, preferred $y_w = 1$, rejected $y_l = 3$, $\\beta = 0.5$.\n"
     "\n"
     "The margin is $h = \\beta(z_w - z_l) = 0.5 \\times 2 = 1$.\n",
     ("0.5 \\times 2", "0.5 \\times 3")),
    ("a_point_may_separate_thousands",
     # 65.536 and 16.777.216 in Portuguese: thousands set apart by points
     "- Para $d = k = 4096$ e $r = 8$: $8\\cdot(4096+4096) = 65.536$ parâmetros, contra "
     "$4096^2 = 16.777.216$, ou seja, cerca de $0{,}39\\%$.\n",
     ("16.777.216", "16.787.216")),
    ("a_decimal_comma_before_a_scale_word_is_read_to_its_digits",
     # ≈ 4,2 milhões: 4.2 million to its digits
     "- Em todas as camadas: $2\\cdot 32\\cdot 65.536 = 4.194.304 \\approx 4{,}2$ milhões de "
     "parâmetros.\n",
     ("4{,}2$", "4{,}4$")),
    ("a_span_subscript_defines_the_whole_vector",
     # x_{1:4} = (…): x written out (read as a name of its own, x_2 was out of range)
     "Take $w = 0.5$, $h_0 = 0$ and inputs $x_{1:4} = (1, 2, -1, 1)$, with "
     "$h_t = w h_{t-1} + x_t$.\n"
     "\n"
     "The forward pass gives $h_1 = 1$, $h_2 = 0.5 \\cdot 1 + 2 = 2.5$ and "
     "$h_3 = 0.5 \\cdot 2.5 - 1 = 0.25$.\n",
     ("h_3 = 0.5 \\cdot 2.5 - 1", "h_3 = 0.5 \\cdot 2.5 + 1")),
    ("a_list_of_entries_names_them_without_a_claim",
     # π = (π_1, …, π_K): π's entries named, not a claim (K was "not an integer" and π_i
     # undeclared)
     "Let $\\pi = (\\pi_1, \\dots, \\pi_K)$ be a categorical distribution and "
     "$\\ell_i = \\log \\pi_i$ its logits.\n"
     "\n"
     "$$\\frac{\\partial \\ell_i}{\\partial \\pi_i} = \\frac{1}{\\pi_i}$$\n",
     ("\\frac{1}{\\pi_i}$$", "\\frac{2}{\\pi_i}$$")),
    ("a_law_s_support_is_where_its_variable_is_drawn",
     # u ∼ Uniform(0, 1): u drawn in (0, 1), where −log u is positive
     "Draw $u \\sim \\mathrm{Uniform}(0, 1)$ and set $g = -\\log(-\\log u)$.\n"
     "\n"
     "$$\\frac{dg}{du} = -\\frac{1}{u \\log u}$$\n",
     ("= -\\frac{1}", "= \\frac{1}")),
    ("a_function_applied_inside_itself_is_not_the_function_written_bare",
     # tanh(tanh u): the inner tanh is applied to u, not σ(1 − σ)'s bare σ (the correct
     # derivatives were ✗: read as tanh(u)·tanh u)
     "$$\\frac{d}{du}\\tanh(\\tanh u) = \\big(1-\\tanh^2(\\tanh u)\\big)(1-\\tanh^2 u)$$\n"
     "\n"
     "$$\\frac{d}{du}\\ln(\\ln u) = \\frac{1}{u \\ln u}$$\n",
     ("{1}{u \\ln u}", "{1}{\\ln u}")),
    # -- read since the seventy-first and seventy-second corpora --
    ("a_size_a_worked_example_states_is_the_size_its_steps_are_read_at",
     # "worked example with N = 2, D = 2" where the checker kept D apart from N (D = 4): the
     # step is read at D = 2 (read at D = 4, its condition held nowhere: unreadable)
     "Stack $N$ inputs as the rows of $X \\in \\mathbb{R}^{N \\times D}$; with "
     "$W \\in \\mathbb{R}^{D \\times M}$ the layer computes\n"
     "\n"
     "$$Y_{n,m} = \\sum_{d=1}^{D} X_{n,d} W_{d,m}.$$\n"
     "\n"
     "Worked example with $N = 2$, $D = 2$, $M = 3$:\n"
     "\n"
     "$$X = \\begin{bmatrix} 1 & 2 \\\\ -1 & 0 \\end{bmatrix}, \\quad W = \\begin{bmatrix} "
     "0.5 & -1 & 2 \\\\ 1 & 0 & -0.5 \\end{bmatrix}.$$\n"
     "\n"
     "$$Y = X W = \\begin{bmatrix} 2.5 & -1 & 1 \\\\ -0.5 & 1 & -2 \\end{bmatrix}$$\n",
     ("2.5 & -1", "3.5 & -1")),
    ("a_list_a_semicolon_separates_has_decimal_commas",
     # (0,1; 0): two entries, 0.1 and 0 (read as 0, 1 and 0, x + b was a ✗)
     "Datos: $x = (1; 0{,}5)$ y $b = (0,1; 0)$.\n"
     "\n"
     "$$x + b = (1,1; 0,5)$$\n",
     ("(1,1; 0,5)", "(1,1; 0,6)")),
    ("numbers_a_space_sets_apart_in_brackets_are_entries",
     # [[0,4  0,2], [−0,3  0,8]]: a 2×2 matrix as NumPy prints it (read as 0, 4·0, 2, a ✗)
     "W = [[0,4  0,2], [−0,3  0,8]], x = (1; 0,5)\n"
     "\n"
     "W x = (0,5; 0,1)\n",
     ("(0,5; 0,1)", "(0,5; 0,2)")),
    ("an_equation_number_after_plain_math_is_no_factor",
     # z = W·x + b (1), h = 2z (2).: equation numbers (read as factors, h was 4z)
     "Datos: W = [[1, 2], [0, 1]], x = (1; 1), b = (0; 1).\n"
     "\n"
     "Notación: z = W·x + b (1), h = 2z (2). Entonces W·x + b = (3; 2), h − z = (3; 2).\n",
     ("h − z = (3; 2)", "h − z = (3; 3)")),
    ("thousands_set_apart_by_a_space_in_plain_text",
     # 289·64 = 18 496 (read as 289·64 = 18, a ✗)
     "4/ conv2: 64 filtry 3×3.\n"
     "Parametry: (3·3·32 + 1)·64 = 289·64 = 18 496.\n",
     ("= 18 496", "= 18 486")),
    ("a_percentage_in_plain_text",
     # 320/1280 = 25% (the % dropped: 0.25 = 25, a ✗)
     "Il primo strato ha 320 parametri su 1280, cioè 320/1280 = 25%.\n",
     ("= 25%", "= 20%")),
    ("a_percentage_with_a_decimal_comma",
     # 98{,}6\% is 0.986 (read as 98,0.06, a ✗) and 20\% is 0.20, to its last digit
     "$$1\\,384\\,576 / 1\\,404\\,682 \\approx 98{,}6\\%$$\n"
     "\n"
     "$$0{,}5 + 0{,}25 = 75\\%$$\n",
     ("= 75\\%", "= 70\\%")),
    ("an_operator_before_a_word_applies_to_the_math_after_it",
     # "∂/∂z_j of log Σ exp(z_k) = exp(z_j)/Σ exp(z_k)": the first side is what ∂/∂z_j
     # applies to (read as log Σ exp(z_k) = …, a ✗)
     "1/ logits z ∈ ℝᴷ, probs p = softmax(z) so p_i = exp(z_i) / Σ_k exp(z_k).\n"
     "\n"
     "2/ ∂/∂z_j of log Σ_k exp(z_k) = exp(z_j) / Σ_k exp(z_k) = p_j\n",
     ("= p_j", "= 1 − p_j")),
    ("a_function_the_text_never_writes_may_take_several_arguments",
     # ℓ(z_i, y_i), a per-example loss: any smooth function of its two arguments (as one
     # reading; it took one argument only, and the step was unreadable)
     "With a per-example loss $\\ell$, the total is $L = \\sum_{i=1}^{3} \\ell(z_i, y_i)$ with "
     "$z = 3w$, $z, y, w \\in \\mathbb{R}^3$.\n"
     "\n"
     "$$\\frac{\\partial L}{\\partial w_2} = 3\\,\\frac{\\partial \\ell(z_2, y_2)}"
     "{\\partial z_2}$$\n",
     None),
    ("cos_of_two_vectors_is_their_cosine_similarity",
     # cos(a, b) = aᵀb/(‖a‖‖b‖), a row of the notation table (cos took one argument only)
     "For $\\mathbf a, \\mathbf b \\in \\mathbb{R}^3$ the cosine similarity is "
     "$c = \\cos(\\mathbf a, \\mathbf b)$, and\n"
     "\n"
     "$$\\frac{\\partial c}{\\partial \\mathbf a} = \\frac{\\mathbf b}{\\|\\mathbf a\\|\\,"
     "\\|\\mathbf b\\|} - c\\,\\frac{\\mathbf a}{\\|\\mathbf a\\|^2}$$\n",
     ("} - c", "} + c")),
    ("a_name_said_in_words_to_be_a_scalar_is_one",
     # "$b$ is a scalar" (a cue row, fourteen languages): b a number, not a vector of 4 from
     # its use in Xw + b (read so, the correct ∂/∂b was a ✗)
     "Let $X \\in \\mathbb{R}^{4\\times 3}$ and $w \\in \\mathbb{R}^3$; $b$ is a scalar.\n"
     "\n"
     "$$z = Xw + b$$\n"
     "\n"
     "$$\\frac{\\partial}{\\partial b}\\,\\tfrac12\\|z\\|^2 = \\sum_{n=1}^{4} z_n$$\n",
     ("= \\sum_{n=1}^{4} z_n", "= 2\\sum_{n=1}^{4} z_n")),
    ("a_name_said_in_words_to_be_a_scalar_is_one_in_italian",
     "Sia $X \\in \\mathbb{R}^{4\\times 3}$, $w \\in \\mathbb{R}^3$; $b$ è uno scalare.\n"
     "\n"
     "$$z = Xw + b$$\n"
     "\n"
     "$$\\frac{\\partial}{\\partial b}\\,\\tfrac12\\|z\\|^2 = \\sum_{n=1}^{4} z_n$$\n",
     ("= \\sum_{n=1}^{4} z_n", "= 2\\sum_{n=1}^{4} z_n")),
    ("a_subscript_word_in_a_function_body_names_a_value_of_its_own",
     # x_{max} = 100 beside f(x) = (x/x_{max})^α: a name, not an entry of the parameter x
     # (f(50) was unreadable: "what is max?")
     "$$f(x) = \\begin{cases} (x/x_{\\max})^{\\alpha}, & x < x_{\\max},\\\\ 1, & "
     "\\text{otherwise,}\\end{cases} \\qquad x_{\\max} = 100,\\ \\alpha = 3/4 .$$\n"
     "\n"
     "Then $f(50) = 0.5^{0.75} \\approx 0.595$ and $f(200) = 1$.\n",
     ("f(200) = 1", "f(200) = 2")),
    # -- read since the sixty-ninth corpus --
    ("nabla_of_parentheses_is_the_gradient_by_their_one_variable",
     # ∇(λ wᵀw): the gradient of what the parentheses hold (read as ∇ applied like a function,
     # "∇ stands alone", a planted dropped 2 went unread)
     "---\nw: vector 3\n---\n"
     "For the regulariser, $$\\nabla\\big(\\lambda\\,w^{T} w\\big) = 2\\lambda\\, w.$$\n",
     ("= 2\\lambda", "= \\lambda")),
    ("zero_for_a_vector_argument_is_the_zero_vector",
     # J(0) with J(θ) = ½‖Xθ − y‖² and θ a vector: J at the zero vector (read as the number 0
     # broadcast, J(0) was a 2×2 matrix and a correct answer key's step a ✗)
     "$$X = \\begin{bmatrix} 1 & 0 \\\\ 1 & 1 \\\\ 1 & 2 \\end{bmatrix}, \\qquad "
     "y = \\begin{bmatrix} 1 \\\\ 3 \\\\ 4 \\end{bmatrix}.$$\n"
     "\n"
     "Let $J(\\theta) = \\frac{1}{2}(X\\theta - y)^T (X\\theta - y)$.\n"
     "\n"
     "From $\\theta = (0, 0)$: $\\nabla J(0) = -X^T y = (-8,\\ -11)$ and "
     "$J(0) = \\frac12(1 + 9 + 16) = 13$.\n",
     ("= 13$", "= 14$")),
    ("a_letter_subscripted_by_a_name_is_its_gradient_once_the_text_says_so",
     # δ_y = ∂L/∂y: δ_u = … after it claims ∂L/∂u = … (read as a definition, a wrong
     # δ_u was never checked)
     "$$z = u V + c, \\qquad u \\in \\mathbb{R}^{1\\times 3},\\ V \\in "
     "\\mathbb{R}^{3\\times 2}.$$\n"
     "\n"
     "- $\\delta_z = \\partial E/\\partial z$\n"
     "- $\\delta_u = \\delta_z V^\\top$\n",
     ("\\delta_z V^\\top", "2\\delta_z V^\\top")),
    # -- read since the sixty-seventh corpus --
    ("a_sum_without_limits_runs_over_the_index_its_terms_carry",
     # Σ r_i² with r given: over i (read as Σ of the number r_i² at each i, a correct sum of
     # four squares was a ✗)
     "The residuals are $r = (-0.5, -0.5, 0.5, -0.5)$, so\n"
     "\n"
     "$$\\sum r_i^2 = 0.25 + 0.25 + 0.25 + 0.25 = 1.0$$\n",
     ("= 1.0$$", "= 1.5$$")),
    ("a_word_before_a_subscript_is_one_name",
     # Mazur's net_{h1}, out_{h1}: one name each, as \\mathrm{out}_{h1} is (read as products of
     # letters, the index h1 of t was no integer and every step was asked about)
     "Inputs $i_1 = 0.05$, $i_2 = 0.10$, weights $w_1 = 0.15$, $w_2 = 0.20$, bias $b_1 = 0.35$.\n"
     "\n"
     "$$net_{h1} = w_1 i_1 + w_2 i_2 + b_1 = 0.15 \\cdot 0.05 + 0.2 \\cdot 0.1 + 0.35 = 0.3775$$\n"
     "\n"
     "$$out_{h1} = \\frac{1}{1 + e^{-net_{h1}}} = 0.5933$$\n"
     "\n"
     "$$\\frac{\\partial out_{h1}}{\\partial net_{h1}} = out_{h1}(1 - out_{h1}) = 0.2413$$\n",
     ("= 0.2413", "= 0.2513")),
    ("a_differential_of_a_defined_name_beside_its_variable",
     # dr beside dw, r = Xw − y: the change of r along dw (drawn as a direction of its own,
     # 2rᵀdr = 2rᵀX dw was a ✗)
     "For least squares, $f(w) = \\lVert Xw - y \\rVert^2$. Write $r = Xw - y$; then $df = "
     "d(r^\\top r) = 2 r^\\top dr = 2 r^\\top X\\, dw$, so $\\nabla_w f = 2 X^\\top (Xw - "
     "y)$.\n",
     ("= 2 r^\\top X\\, dw", "= r^\\top X\\, dw")),
    ("the_matrix_cookbooks_partial_as_a_differential",
     # ∂(X⁻¹) = −X⁻¹(∂X)X⁻¹: ∂ outside a fraction is a differential, as d is
     "For a square invertible $\\mathbf{X} \\in \\mathbb{R}^{n \\times n}$, differentiating "
     "$\\mathbf{X}\\mathbf{X}^{-1} = \\mathbf{I}$ gives\n"
     "\n"
     "$$\\partial(\\mathbf{X}^{-1}) = "
     "-\\mathbf{X}^{-1}(\\partial\\mathbf{X})\\mathbf{X}^{-1}.$$\n",
     ("= -\\mathbf{X}^{-1}(\\partial", "= \\mathbf{X}^{-1}(\\partial")),
    ("a_dual_number_unit",
     # ε² = 0: ε a dual unit (a reading), the step compared in its value and its ε part
     "With dual numbers ($\\varepsilon^2 = 0$), evaluate $f(x) = x^3$ at $x = 1.5$ with the "
     "tangent seeded to 1:\n"
     "\n"
     "$$(1.5 + \\varepsilon)^3 = 3.375 + 3(1.5)^2\\varepsilon = 3.375 + 6.75\\varepsilon$$\n",
     ("= 3.375 + 6.75", "= 3.375 + 6.5")),
    ("an_equation_in_a_heading_is_its_topic",
     # "# The derivative of the solution of $Ax = b$": the topic, no claim (it was a ✗)
     "# The derivative of the solution of $Ax = b$\n"
     "\n"
     "Let $A = \\begin{pmatrix} 2 & 0 \\\\ 0 & 4 \\end{pmatrix}$ and $b = (2, 8)^\\top$. Then "
     "$A^{-1} b = (1, 2)^\\top$.\n",
     None),
    # -- read since the sixty-sixth corpus --
    ("an_index_given_a_value_and_a_list_with_a_member_after_its_dots",
     # Rojas's extended input (o_1, …, o_n, 1) at "n = 2": the list written out in place, and
     # n, an index of the step, read at the 2 the text gives (its range was 1: no value fit)
     "The bias is an extra input fixed at 1: $\\hat o = (o_1, \\ldots, o_n, 1)$ for the "
     "inputs $o_1, \\ldots, o_n$, and $\\overline W$ is the $(n+1) \\times k$ matrix of "
     "weights whose last row holds the biases.\n"
     "\n"
     "**Example** ($n = 2$, $k = 2$): $o_1 = 0.6$, $o_2 = 0.4$ and\n"
     "$$\\overline W = \\begin{pmatrix} 0.3 & 0.4 \\\\ 0.4 & 0.7 \\\\ 0.6 & 0.6 "
     "\\end{pmatrix}.$$\n"
     "\n"
     "$$\\hat o\\,\\overline W = (0.94,\\ 1.12)$$\n",
     ("1.12)", "1.13)")),
    ("a_name_said_to_be_another_is_read_as_it",
     # "with a = a^{[2]}": a is a^{[2]} in the steps (as a filter on drawn values, no value
     # of a met the condition and the step was asked about)
     "The network's output is $a^{[2]} = \\sigma(z^{[2]})$ with $z^{[2]} = w^{[2]} a^{[1]} "
     "+ b^{[2]}$.\n"
     "\n"
     "**One example first.** With $a = a^{[2]}$ and $\\mathcal{L}(a, y) = -y \\log a - "
     "(1 - y) \\log(1 - a)$:\n"
     "\n"
     "$$\\frac{\\partial \\mathcal{L}}{\\partial a} = -\\frac{y}{a} + "
     "\\frac{1 - y}{1 - a}$$\n",
     ("} + \\frac{1 - y}", "} - \\frac{1 - y}")),
    # -- read since the sixty-fourth corpus --
    ("a_member_given_numbers_differentiated_at_its_point",
     # h_2 = tanh(−0.1192) after h_t = tanh(a_t): the number, or h_2 at the worked point, a
     # function of a_2 there, where ∂h_2/∂a_2 = 1 − h_2² holds (it was asked which; a slip
     # is still asked, as the point is read through definitions only so far)
     "A scalar RNN: $h_t = \\tanh(a_t)$ and $a_t = w h_{t-1} + x_t$. "
     "Take $w = 0.5$, $h_0 = 0$, $x_1 = 1$ and $x_2 = -0.5$.\n"
     "\n"
     "$$a_1 = 0.5 \\cdot 0 + 1 = 1, \\qquad h_1 = \\tanh(1) \\approx 0.7616$$\n"
     "\n"
     "$$a_2 = 0.5 \\cdot 0.7616 - 0.5 = -0.1192, \\qquad "
     "h_2 = \\tanh(-0.1192) \\approx -0.1186$$\n"
     "\n"
     "$$\\frac{\\partial h_2}{\\partial a_2} = 1 - h_2^2 \\approx 0.9859$$\n",
     None),
    ("a_derivative_through_several_members_at_the_worked_point",
     # ∂L/∂h_1 through h_2 and a_2, both given numbers: read at the worked point together
     # (each alone leaves L constant in h_1)
     "Scalar RNN: $h_t = \\tanh(a_t)$ with $a_t = w\\,h_{t-1} + u\\,x_t$, $h_0 = 0$, output "
     "$\\hat y = v\\,h_2$, loss $L = \\tfrac12(\\hat y - y)^2$.\n"
     "Values: $w = 0.5$, $u = 1$, $v = 2$, $x_1 = 1$, $x_2 = 0.5$, $y = 1$.\n\n"
     "$$a_1 = 1, \\quad h_1 = \\tanh 1 \\approx 0.76159, \\quad "
     "a_2 = 0.5 \\cdot 0.76159 + 0.5 \\approx 0.88080, \\quad "
     "h_2 = \\tanh 0.88080 \\approx 0.70682$$\n\n"
     "$$\\frac{\\partial L}{\\partial h_1} = (v h_2 - y)\\, v\\, (1 - h_2^2)\\, w "
     "\\approx 0.2070$$\n",
     None),
    ("andrew_ngs_notation_dW_for_the_costs_gradient_and_columns_as_examples",
     # dW^{[l]} and db^{[l]} said to mean ∂J/∂W^{[l]}, ∂J/∂b^{[l]} (dZ said otherwise); J summed
     # over a^{[2](i)}, y^{(i)}: column i of A^{[2]} and Y; shapes said as "(n_h, 1)" with
     # "n_h hidden units"; b^{[1]} added to every column (every step was a definition)
     "Setup: $m$ training examples stacked as columns, $X$ is $(n_x, m)$ and $Y$ is $(1, m)$; "
     "$W^{[1]}$ is $(n_h, n_x)$, $b^{[1]}$ is $(n_h, 1)$, $W^{[2]}$ is $(1, n_h)$ and "
     "$b^{[2]}$ is $(1, 1)$, for $n_x$ input features and $n_h$ hidden units.\n"
     "\n"
     "$$Z^{[1]} = W^{[1]}X + b^{[1]}, \\quad A^{[1]} = \\tanh(Z^{[1]}), \\quad Z^{[2]} = "
     "W^{[2]}A^{[1]} + b^{[2]}, \\quad A^{[2]} = \\sigma(Z^{[2]})$$\n"
     "\n"
     "$$J = -\\frac{1}{m}\\sum_{i=1}^{m}\\Big(y^{(i)}\\log a^{[2](i)} + (1 - "
     "y^{(i)})\\log\\big(1 - a^{[2](i)}\\big)\\Big)$$\n"
     "\n"
     "Shorthand: $dW^{[l]}$ means $\\partial J/\\partial W^{[l]}$ and $db^{[l]}$ means "
     "$\\partial J/\\partial b^{[l]}$, while $dZ^{[l]}$ stacks the per-example derivatives, "
     "without the $1/m$.\n"
     "\n"
     "$$dZ^{[2]} = A^{[2]} - Y, \\qquad dW^{[2]} = \\frac{1}{m}\\, dZ^{[2]} A^{[1]T}$$\n"
     "\n"
     "$$dZ^{[1]} = W^{[2]T} dZ^{[2]} * \\big(1 - A^{[1]} * A^{[1]}\\big), \\qquad dW^{[1]} = "
     "\\frac{1}{m}\\, dZ^{[1]} X^{T}$$\n",
     ("dW^{[1]} = \\frac{1}{m}\\, dZ^{[1]} X^{T}", "dW^{[1]} = dZ^{[1]} X^{T}")),
    ("what_an_update_rule_equals_is_a_claim",
     # w ← w − η∇L(w) = (1 − 0.1, −2 + 0.2) = (0.9, −1.8): the rule is no claim, the values
     # it is said to equal are (the whole chain was skipped as an update)
     "Let $L(w) = \\tfrac12 \\lVert w \\rVert^2$. One step of gradient descent from "
     "$w = (1, -2)$ with $\\eta = 0.1$ is\n\n"
     "$$w \\leftarrow w - \\eta\\, \\nabla L(w) = (1 - 0.1,\\ -2 + 0.2) = (0.9,\\ -1.8)$$\n",
     ("(1 - 0.1,\\ -2 + 0.2) = (0.9,\\ -1.8)", "(1 + 0.1,\\ -2 - 0.2) = (1.1,\\ -2.2)")),
    ("a_value_given_once_reaches_the_later_steps_of_numbers",
     # β_1 = 0.9 given once, in a section with a step of its own: the steps of numbers under
     # the bold leads after it are read at it (they were asked "at which β?")
     "# Adam by hand\n"
     "\n"
     "Adam keeps $m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t$ and corrects it, "
     "$\\hat m_t = m_t/(1 - \\beta_1^t)$.\n"
     "\n"
     "We start from $m_0 = 0$ with $\\beta_1 = 0.9$; the gradients are $g_1 = 2$ and "
     "$g_2 = 1.8$, so $m_1 = 0.1 \\cdot 2 = 0.2$.\n"
     "\n"
     "**Step 1.** $\\hat m_1 = 0.2/(1 - 0.9) = 2$.\n"
     "\n"
     "**Step 2.** $m_2 = 0.9 \\cdot 0.2 + 0.1 \\cdot 1.8 = 0.36$ and "
     "$\\hat m_2 = 0.36/(1 - 0.81) = 1.8947$.\n",
     ("0.36/(1 - 0.81) = 1.8947", "0.36/(1 - 0.9) = 3.6")),
    # -- read since the sixty-second corpus --
    ("a_rounding_of_sizes_read_with_whole_numbers",
     # ⌊k/2⌋ = n for an odd size k = 2n + 1, and ⌈(i − k + 1)/s⌉ = ⌊(i − k)/s⌋ + 1: true of
     # whole numbers only (drawn real, both were a ✗)
     "For an odd kernel size $k = 2n + 1$,\n\n"
     "$$\\lfloor k/2 \\rfloor = n, \\qquad k - 2\\lfloor k/2 \\rfloor = 1 .$$\n\n"
     "$$\\left\\lceil \\frac{i - k + 1}{s} \\right\\rceil = "
     "\\left\\lfloor \\frac{i - k}{s} \\right\\rfloor + 1$$\n",
     ("\\rfloor = n,", "\\rfloor = n + 2,")),
    ("a_derivative_at_every_index_value_of_a_family",
     # ∂s/∂a_k does not change with k and is taken once per point; ∂q_k/∂a_k does, through
     # q's own index: taken anew at each k (a derivative reused across k would fail here)
     "Let $a \\in \\mathbb{R}^3$, $s = \\sum_i a_i^2$ and $q_k = s\\, a_k$.\n\n"
     "$$\\frac{\\partial s}{\\partial a_k} = 2 a_k, \\qquad "
     "\\frac{\\partial q_k}{\\partial a_k} = 2 a_k^2 + s$$\n",
     ("2 a_k^2 + s$$", "2 a_k^2 - s$$")),
    # -- read since the forty-fourth corpus --
    ("a_sum_short_by_a_whole_last_digit",
     # 0,6 + 0,6 + 0,1 = 1,2: a whole unit short is no truncation of 1,3 (it was asked as "cut
     # or rounded?", the planted slip unfound)
     "$$z = 0{,}4\\cdot 1{,}5 + 0{,}6 + 0{,}1 = 0{,}6 + 0{,}6 + 0{,}1 = 1{,}3$$\n",
     ("= 1{,}3$$", "= 1{,}2$$")),
    ("a_definition_by_rounded_numbers_keeps_their_slack",
     # y_1 = (0.5)(0.3799) + (−0.3)(0.5717) = 0.0185, the tanh values carried rounded: the
     # side that defines y_1 is no exact restatement of y_1 (it was a ✗)
     "$$z_1 = \\tanh(0.4) = 0.3799, \\qquad z_2 = \\tanh(0.65) = 0.5717$$\n"
     "$$y_1 = (0.5)(0.3799) + (-0.3)(0.5717) = 0.0185$$\n",
     ("(-0.3)(0.5717) = 0.0185", "(-0.3)(0.5717) = 0.0158")),
    ("a_list_of_every_entry_beside_an_index",
     # p h_i = (1.6, −0.8, 0.4): entry i of the list, i running over it (it was a shape ✗)
     "---\nh: vector 3\n---\nWith $h = (2, -1, 0.5)$ and $p = 0.8$: "
     "$p\\,h_i = (1.6,\\ -0.8,\\ 0.4)$.\n",
     ("(1.6,\\ -0.8,\\ 0.4)", "(1.6,\\ -0.8,\\ 0.5)")),
    ("a_matrix_of_many_rounded_entries",
     # nine entries to four decimals: each within half its last digit (no slack at all before)
     "With $z = (1, 2, 3)$ and $p = \\operatorname{softmax}(z)$, "
     "$f(z) = \\log \\sum_i e^{z_i}$:\n\n"
     "$$\\nabla^2 f = \\begin{pmatrix} 0.0819 & -0.0220 & -0.0599 \\\\ -0.0220 & 0.1848 & "
     "-0.1628 \\\\ -0.0599 & -0.1628 & 0.2227 \\end{pmatrix}$$\n",
     ("0.1848", "0.1884")),
    # -- read since the forty-second corpus --
    ("a_list_of_values_after_a_display",
     # "with x = 1.5, w = −0.8, …": every value is a setting of the example, the first too (it
     # was taken for a case of the display before it, and x was drawn)
     "$$n = x w + b, \\qquad o = \\tanh(n)$$\n\n"
     "with $x = 1.5$, $w = -0.8$ and $b = 0.4$.\n\n"
     "$$n = 1.5 \\cdot (-0.8) + 0.4 = -0.8$$\n",
     ("= 1.5 \\cdot (-0.8) + 0.4", "= 1.5 \\cdot (-0.8) - 0.4")),
    ("a_number_times_a_list_written_out",
     # 0.9 (−0.06, 0.12): a number times a vector, not a function of two arguments
     "$$v_2 = 0.9\\,(-0.06,\\,0.12) - 0.1\\,(0.394,\\,-0.588) = (-0.0934,\\; 0.1668)$$\n",
     ("(-0.0934,\\; 0.1668)", "(-0.0934,\\; 0.1686)")),
    ("a_side_restating_rounded_numbers_exactly",
     # (−0.6640 − 0.5)² = (−1.1640)² ≈ 1.3550: the middle side is the first exactly, and as
     # rounded as its 0.6640 (≈ tanh(−0.8)); 1.3550 is the square of the unrounded value
     "With $x = 1.5$, $w = -0.8$, $b = 0.4$ and $t = 0.5$: $n = xw + b$, $o = \\tanh(n)$.\n\n"
     "$$o = \\tanh(-0.8) \\approx -0.6640$$\n"
     "$$L = (-0.6640 - 0.5)^2 = (-1.1640)^2 \\approx 1.3550$$\n",
     ("(-1.1640)^2 \\approx 1.3550", "(-1.1640)^2 \\approx 1.3650")),
    ("the_first_iterate_zero_as_a_zero_vector",
     # w_0 = 0 of iterates of a vector w: X w_0 − y = −y reads it as the zero vector too
     "Let $X = \\begin{pmatrix}1 & 1\\\\ 1 & 2\\\\ 1 & 3\\end{pmatrix}$, $y = (1, 2, 2)^T$ and "
     "$J(w) = \\frac{1}{6}(Xw - y)^T(Xw - y)$ with $w \\in \\mathbb{R}^2$, $y \\in \\mathbb{R}^3$.\n\n"
     "Start from $w_0 = 0$. There $Xw_0 - y = -y$, so\n\n"
     "$$\\nabla_w J(w_0) = -\\frac{1}{3}X^Ty$$\n",
     ("= -\\frac{1}{3}X^Ty", "= -X^Ty")),
    ("a_gradient_by_a_parameter_at_a_point",
     # ∇_w J(w_0) of J(w) = …: J's gradient at w_0, not the gradient of the number J(w_0)
     "Let $J(w) = \\tfrac12 (w - 3)^2$ and $w_0 = 1$.\n\n"
     "$$\\nabla_w J(w_0) = w_0 - 3 = -2$$\n",
     ("= w_0 - 3 = -2", "= 3 - w_0 = 2")),
    ("d_names_by_a_convention_said_in_words",
     # "we write dV for ∂J/∂V": every dV after it is J's gradient, as after dO = ∂L/∂O
     "---\nA: matrix 3x4\nW: matrix 2x3\n---\n$$Z = WA, \\qquad J = \\tfrac12 \\operatorname{tr}(Z^\\top Z)$$\n"
     "We write $dV$ for $\\partial J/\\partial V$; every $dV$ has the shape of $V$.\n\n"
     "$$dZ = Z, \\qquad dW = dZ\\, A^{\\top}$$\n",
     ("dW = dZ\\, A^{\\top}", "dW = A^{\\top} dZ")),
    ("settings_beside_a_starting_value",
     # θ₀ = 1 "with β₁ = 0.9": a setting for the steps after it, not a case of θ₀
     "$$m_t = \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t, \\qquad "
     "\\theta_t = \\theta_{t-1} - \\eta\\, m_t$$\n\n"
     "We start from $\\theta_0 = 1$ with $\\beta_1 = 0.9$ and $m_0 = 0$.\n\n"
     "**Step $t=1$.** $g_1 = 2\\theta_0 = 2$.\n\n"
     "$$m_1 = 0.1\\cdot 2 = 0.2$$\n",
     ("m_1 = 0.1\\cdot 2", "m_1 = 0.9\\cdot 2")),
    # -- read since the fortieth corpus --
    ("a_matrix_sized_by_what_it_meets_transposed",
     # J = I − 𝟏pᵀ with 𝟏 of open size: Jᵀ is I − p𝟏ᵀ, not J (Jᵀg was evaluated as Jg)
     "Let $z \\in \\mathbb{R}^3$, $p = \\operatorname{softmax}(z)$ and $\\ell = \\log p$. "
     "The Jacobian is $J = I - \\mathbf 1\\, p^\\top$; let $g = \\partial L/\\partial \\ell$.\n\n"
     "$$J^\\top = I - p\\,\\mathbf 1^\\top$$\n"
     "$$\\frac{\\partial L}{\\partial z} = J^\\top g = g - p\\,(\\mathbf 1^\\top g)$$\n",
     ("= g - p\\,(\\mathbf 1^\\top g)", "= g - \\mathbf 1\\,(p^\\top g)")),
    ("sets_written_with_mathbb_r_unbraced",
     # \mathbb R^3 as \mathbb{R}^3: x is declared, 𝟏 takes its size (both steps were unread)
     "Let $\\mathbf x\\in\\mathbb R^3$ and $y = \\mathbf 1^\\top \\mathbf x$.\n\n"
     "$$\\frac{\\partial y}{\\partial \\mathbf x} = \\mathbf 1, \\qquad "
     "\\Big\\|\\frac{\\partial y}{\\partial \\mathbf x}\\Big\\|^2 = 3$$\n",
     ("\\Big\\|^2 = 3", "\\Big\\|^2 = 4")),
    # -- read since the thirty-sixth corpus --
    ("one_step_of_a_recurrence_at_a_generic_t",
     # h_t = tanh(W h_{t−1} + U x_t + b) with no h_0, δ_t = ∂L/∂h_t: one step of BPTT, with
     # h_{t−1} the step's input (it was "what is h_0?" for every step)
     "At time $t$: $a_t = W h_{t-1} + U x_t + b$ and $h_t = \\tanh(a_t)$, where "
     "$h_t \\in \\mathbb{R}^H$, $x_t \\in \\mathbb{R}^D$, $b \\in \\mathbb{R}^H$, "
     "$W \\in \\mathbb{R}^{H \\times H}$, $U \\in \\mathbb{R}^{H \\times D}$.\n"
     "Let $\\delta_t = \\partial L/\\partial h_t$, $\\delta_t \\in \\mathbb{R}^H$, be the "
     "gradient from above.\n\n"
     "$$\\frac{\\partial L}{\\partial a_t} = \\delta_t \\odot (1 - h_t \\odot h_t)$$\n"
     "$$\\frac{\\partial L}{\\partial W} = \\frac{\\partial L}{\\partial a_t} h_{t-1}^\\top, "
     "\\qquad \\frac{\\partial L}{\\partial U} = \\frac{\\partial L}{\\partial a_t} x_t^\\top$$\n"
     "$$\\frac{\\partial L}{\\partial h_{t-1}} = W^\\top \\frac{\\partial L}{\\partial a_t}$$\n",
     ("= W^\\top \\frac", "= W \\frac")),
    ("one_step_of_a_recurrence_with_a_labelled_upstream_gradient",
     # δ^h_t = ∂L/∂h_t: a label and the step's t; δ^a_t names the next gradient
     "For an Elman cell, $a_t = W h_{t-1} + U x_t$ and $h_t = \\tanh(a_t)$, with "
     "$h_t \\in \\mathbb{R}^H$, $x_t \\in \\mathbb{R}^D$, $W \\in \\mathbb{R}^{H \\times H}$, "
     "$U \\in \\mathbb{R}^{H \\times D}$.\n"
     "We are given $\\delta^h_t = \\partial L/\\partial h_t$.\n\n"
     "$$\\delta^a_t = \\frac{\\partial L}{\\partial a_t} = \\delta^h_t \\odot (1 - h_t \\odot h_t)$$\n"
     "$$\\frac{\\partial L}{\\partial U} = \\delta^a_t\\, x_t^\\top, \\qquad "
     "\\frac{\\partial L}{\\partial x_t} = U^\\top \\delta^a_t$$\n",
     ("\\frac{\\partial L}{\\partial U} = \\delta^a_t\\, x_t^\\top",
      "\\frac{\\partial L}{\\partial U} = x_t\\, (\\delta^a_t)^\\top")),
    ("a_value_given_transposed_is_not_undone_by_another_transposed",
     # x = (1, −2)^⊤, then z = (1, −4)^⊤: the second does not set x anew (both wrote ⊤)
     "**Given.** $x = (1, -2)^\\top$ and $W = \\begin{pmatrix} 1 & 0 \\\\ 0 & 2 \\end{pmatrix}$. "
     "The network: $z = Wx$, $a = \\mathrm{ReLU}(z)$.\n\n**a)** $Wx = (1, -4)^\\top$, so "
     "$z = (1, -4)^\\top$.\n\n**b)** $a = \\mathrm{ReLU}(z) = (1, 0)^\\top$.\n",
     ("\\mathrm{ReLU}(z) = (1, 0)^\\top", "\\mathrm{ReLU}(z) = (2, 0)^\\top")),
    ("layers_numbered_as_superscripts",
     # Nielsen's worked example: a^1 = x, w^2, z^2 = w^2 a^1 + b^2 are layers, not powers
     "The input is $a^1 = (1, 2)^\\top$, and $w^2 = \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}$, "
     "$b^2 = (0, 1)^\\top$, $w^3 = (1, 1)$, $b^3 = 0$.\n\n"
     "$$z^2 = w^2 a^1 + b^2 = (1, 3)^\\top$$\n$$z^3 = w^3 z^2 + b^3 = 4$$\n",
     ("w^3 z^2 + b^3 = 4", "w^3 z^2 + b^3 = 5")),
    ("a_first_power_of_a_name_written_alone_stays_a_power",
     # β_1 = 0.9 written alone: β_1^1 in Adam's first bias correction is its power
     "With $\\beta_1 = 0.9$ and $\\beta_1^2 = 0.81$, the first correction is "
     "$1 - \\beta_1^1 = 0.1$.\n", ("= 0.1$", "= 0.2$")),
    ("a_name_said_to_be_about_zero_is_zero_in_the_numbers",
     # ε ≈ 0 in an example's givens: ε is 0 in its worked numbers (it was "at which ε?")
     "Adam's step is $\\theta_1 = \\theta_0 - \\alpha \\frac{\\hat m_1}{\\sqrt{\\hat v_1} + "
     "\\epsilon}$.\n\n**Example.** $\\alpha = 0.01$, $\\theta_0 = 1$, $\\hat m_1 = 2$, "
     "$\\hat v_1 = 4$, $\\epsilon \\approx 0$.\n\nThen $\\theta_1 = 1 - 0.01 \\cdot 2/2 = 0.99$.\n",
     ("1 - 0.01 \\cdot 2/2 = 0.99", "1 - 0.01 \\cdot 2/4 = 0.995")),
    ("a_name_the_prose_neglects_is_zero_in_the_numbers",
     # "on néglige ε": the prose's word (a row of the cue table) makes ε 0 in the numbers
     "La normalisation : $\\hat x = \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\varepsilon}}$.\n\n"
     "Application numérique : $x = 5$, $\\mu = 3$, $\\sigma^2 = 4$, et on néglige "
     "$\\varepsilon$. Alors\n$$\\hat x = \\frac{5 - 3}{\\sqrt{4}} = 1.$$\n",
     ("\\frac{5 - 3}{\\sqrt{4}} = 1", "\\frac{5 - 3}{4} = 0{,}5")),
    # -- read since the twenty-eighth corpus --
    ("an_upstream_gradient_named_in_code_and_d_names_after_it",
     # `dscores` = ∂L/∂s names the upstream gradient; dW_2, dh, dz_1 are then L's gradients
     "Let $x \\in \\mathbb{R}^{1 \\times 3}$, $W_1 \\in \\mathbb{R}^{3 \\times 2}$, "
     "$W_2 \\in \\mathbb{R}^{2 \\times 2}$, and\n$$z_1 = x W_1, \\qquad h = \\max(0, z_1), "
     "\\qquad s = h W_2 .$$\nThe loss layer hands us `dscores` $= \\partial L / \\partial s$. Then\n"
     "$$\\begin{aligned}\ndW_2 &= h^\\top \\, \\texttt{dscores} \\\\\n"
     "dh &= \\texttt{dscores} \\; W_2^\\top \\\\\ndz_1 &= dh \\odot \\mathbb{1}[z_1 > 0] \\\\\n"
     "dW_1 &= x^\\top dz_1\n\\end{aligned}$$\n",
     ("dW_1 &= x^\\top dz_1", "dW_1 &= dz_1^\\top x")),
    ("a_chain_names_a_value_in_its_middle",
     # p never written before: the chain softmax(z)_i = p_i = … names it
     "For $\\mathbf{z} \\in \\mathbb{R}^K$,\n$$\\operatorname{softmax}(\\mathbf{z})_i = p_i = "
     "\\frac{e^{z_i}}{\\sum_{j=1}^{K} e^{z_j}}$$\n$$\\frac{\\partial p_i}{\\partial z_k} = "
     "p_i(\\delta_{ik} - p_k)$$\n", ("(\\delta_{ik} - p_k)", "(\\delta_{ik} + p_k)")),
    ("a_chain_names_a_value_the_text_used_before_defining",
     # p written in the prose's equation first, defined by the chain after it
     "For $z \\in \\mathbb{R}^3$ the outputs satisfy $p_1 + p_2 + p_3 = 1$, where\n"
     "$$\\operatorname{softmax}(z)_i = p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n"
     "$$\\frac{\\partial p_1}{\\partial z_1} = p_1(1 - p_1)$$\n", ("= p_1(1 - p_1)", "= p_1(1 + p_1)")),
    ("sizes_set_together_stay_settings",
     # D = H = C = 2: three sizes set, no claim that H is C
     "**Example.** Take $D = H = C = 2$ and $x = (1, 2)$. Then $\\sum_{i=1}^{D} x_i = 3$.\n", None),
    ("a_case_of_a_piecewise_definition_restated",
     # "Case x < 0: here f(x) = α(e^x − 1)": that piece of f, not f anew for every x
     "Let $\\alpha = 1$ and\n$$f(x) = \\begin{cases} x, & x > 0,\\\\ \\alpha\\,(e^{x} - 1), & x \\le 0. "
     "\\end{cases}$$\n\n*Case $x < 0$:* here $f(x) = \\alpha(e^x - 1)$, so $f'(x) = \\alpha e^x$.\n\n"
     "At $x = 2$: $f(2) = 2$.\n", ("f(2) = 2", "f(2) = 3")),
    ("a_function_whose_constants_carry_its_letter",
     # η(t) = η_min + ½(η_max − η_min)(1 + cos(πt/T)): η_min is a name, η(t) a definition
     "$$\\eta(t) = \\eta_{\\min} + \\frac{1}{2}\\left(\\eta_{\\max} - \\eta_{\\min}\\right)"
     "\\left(1 + \\cos\\frac{\\pi t}{T}\\right)$$\nTake $\\eta_{\\max} = 0.1$, $\\eta_{\\min} = 0.001$ and "
     "$T = 100$. At $t = 25$: $\\eta = 0.001 + 0.0495\\,(1 + 0.70711) \\approx 0.08550$, and "
     "$\\eta(25) + \\eta(75) = \\eta_{\\max} + \\eta_{\\min}$.\n", None),
    ("a_plain_text_coefficient_before_a_function",
     "at x = 0.5 :\n      tanh′(0.5) = 4 σ(1)(1 − σ(1)) ≈ 0.78645\n", ("≈ 0.78645", "≈ 0.19661")),
    ("a_value_said_at_in_indonesian",
     # "Di $e = 0$": at e = 0, a value the steps are read at (not Euler's e equal to 0)
     "Turunan $|e|$ terhadap $e$ adalah $+1$ kalau $e > 0$ dan $-1$ kalau $e < 0$. "
     "Di $e = 0$ dipilih $\\operatorname{sign}(0) = 0$.\n", None),
    ("a_norm_of_rounded_entries",
     # g ≈ (0.24914; −0.49827; 0.83045), each entry rounded: its norm is 1 to those digits
     "Il gradiente tagliato diventa\n$$g_{\\text{clip}} \\approx (0{,}24914;\\ -0{,}49827;\\ 0{,}83045).$$\n"
     "Adesso $\\lVert g_{\\text{clip}} \\rVert_2 = 1$.\n", ("_2 = 1$", "_2 = 1{,}1$")),
    ("plain_text_functions_exponents_and_greek_names",
     # OCR'd: log p₁ is log of p₁, e^0.5 is e^{0.5}, δ_kj one name
     "Numbers: z = (1, 2, 0.5), y = (1, 0, 0).\n\n"
     "e^0.5 ≈ 1.64872 and − log 0.5 ≈ 0.69315\n\n"
     "p_k = e^{z_k} / Σ_j e^{z_j}, and ∂p_k/∂z_j = p_k (δ_kj − p_j)\n",
     ("≈ 0.69315", "≈ 0.79315")),
    ("an_identity_whose_example_values_overflow",
     # at x = (1000, 1001, 1002) neither side is finite: the identity is read at any x
     "Computing $\\log\\sum_i e^{x_i}$ directly for $x = (1000, 1001, 1002)$ overflows. "
     "For any $m$,\n$$\\log\\sum_i e^{x_i} = m + \\log\\sum_i e^{x_i - m}$$\n", None),
    ("a_new_form_of_a_definition_is_checked_against_it",
     # the unrolled momentum replaces the recurrence as m's definition: it agrees with it
     "**Step 1: Unroll the recursion**\n\nWith \\( m_0 = 0 \\) and "
     "\\( m_t = \\beta m_{t-1} + (1 - \\beta) g_t \\):\n\n"
     "\\[ m_t = (1 - \\beta) \\sum_{i=1}^{t} \\beta^{\\,t-i} g_i \\]\n", None),
    ("a_transposed_member_is_a_vector_of_its_own",
     # Bishop's a_k = w_kᵀφ: w_k is the k-th column of w, not a number transposed
     "The activations are $a_k = \\mathbf{w}_k^{\\mathrm{T}}\\boldsymbol{\\phi}$, so\n"
     "$$\\frac{\\partial a_k}{\\partial \\mathbf{w}_k} = \\boldsymbol{\\phi}, \\qquad "
     "\\nabla_{\\mathbf{w}_j} \\sum_k a_k^2 = 2 a_j \\boldsymbol{\\phi}$$\n",
     ("= 2 a_j", "= a_j")),
    ("a_collection_written_with_dots_names_no_index",
     # x_{1…m}: m ends the range, and is the sums' count (it was taken for an index letter)
     "Consider a mini-batch $\\mathcal{B} = \\{x_{1 \\ldots m}\\}$ of values.\n"
     "$$\\mu = \\frac{1}{m}\\sum_{i=1}^m x_i$$\n$$\\frac{\\partial \\mu}{\\partial x_j} = \\frac{1}{m}$$\n",
     ("x_j} = \\frac{1}{m}", "x_j} = \\frac{2}{m}")),
    ("a_declaration_speaks_from_its_own_section_on",
     # x ∈ ℝ^n is Question 2's; Question 1's x is a number (its quotient's shapes fit then)
     "**Question 1.** With $u = e^{x} - e^{-x}$ and $v = e^{x} + e^{-x}$,\n"
     "$$\\tanh'(x) = \\frac{u'v - uv'}{v^2} = \\frac{v\\cdot v - u\\cdot u}{v^2}$$\n\n"
     "**Question 2.** Let $x \\in \\mathbb{R}^n$ and $h = \\tanh(x)$.\n",
     ("{v\\cdot v - u\\cdot u}", "{v\\cdot v + u\\cdot u}")),
    ("a_computation_s_short_operands_are_exact",
     # 0.9 and 0.1 are a rate, not values rounded to ±0.05: 0.41 for 0.385 is a slip
     "$$0.9\\cdot 0.4 + 0.1\\cdot 0.25 = 0.385$$\n$$(7.389/11.107,\\ 1/11.107) = (0.665,\\ 0.090)$$\n",
     ("0.1\\cdot 0.25 = 0.385", "0.1\\cdot 0.5 = 0.385")),
    ("givens_reach_every_bold_step_of_their_chapter",
     # β and the gradients stated once, above **Step 1.** and **Step 2.**: the second step's
     # numbers are read at them too (they were a question, "at which β is this meant?")
     "$$m_t = \\beta m_{t-1} + (1-\\beta)\\, g_t$$\nWe use $\\beta = 0.9$, $m_0 = 0$, "
     "$g_1 = 0.5$ and $g_2 = 0.3$.\n\n**Step 1.** $m_1 = 0.1\\cdot 0.5 = 0.05$.\n\n"
     "**Step 2.**\n$$m_2 = 0.9\\cdot 0.05 + 0.1\\cdot 0.3 = 0.075$$\n",
     ("0.1\\cdot 0.3 = 0.075", "0.1\\cdot 0.5 = 0.095")),
    # -- read since the twenty-third corpus (each a rule; none names the corpus's files) --
    ("a_property_of_any_loss_said_against_a_number",
     "Let $\\mu = \\frac1m\\sum_{i=1}^m x_i$ and $y_i = x_i - \\mu$, and write $g_i = \\partial L/\\partial y_i$ "
     "for the upstream gradient. Then\n$$\\sum_{j=1}^m \\frac{\\partial L}{\\partial x_j} = 0$$\n", None),
    ("a_table_function_written_only_with_a_subscript_is_a_name",
     "Let $Q = \\mathcal{N}(x; \\mu_q, \\sigma_q^2)$. Then\n"
     "$$\\log Q(x) = -\\frac{1}{2}\\log(2\\pi\\sigma_q^2) - \\frac{(x - \\mu_q)^2}{2\\sigma_q^2}$$\n",
     ("{2\\sigma_q^2}$$", "{\\sigma_q^2}$$")),
    ("a_worked_example_s_vector_sizes_the_general_part",
     "**Q: Derivative of softmax with respect to its input — why is it a matrix?**\n"
     "$$s_i = \\frac{e^{z_i}}{\\Sigma}, \\qquad \\Sigma = \\sum_{k=1}^{n} e^{z_k},$$\n"
     "Both cases are one formula, $\\partial s_i/\\partial z_j = s_i(\\delta_{ij} - s_j)$, or in "
     "matrix form\n\n**Small example.** Take $z = (0, \\ln 2, \\ln 3)$, so $e^{z} = (1,2,3)$, "
     "$\\Sigma = 6$ and $s = (\\tfrac16, \\tfrac13, \\tfrac12)$. Then\n"
     "$$s^\\top z = \\tfrac13\\ln 2 + \\tfrac12\\ln 3$$\n",
     ("\\tfrac12\\ln 3$$", "\\tfrac13\\ln 3$$")),
    ("a_name_in_a_stated_set_is_any_member_of_it",
     "Let $x \\in \\mathbb{R}^n$ and\n$$f = \\Bigl(\\sum_{i=1}^{n} x_i\\Bigr)^2 .$$\nThen\n"
     "$$\\frac{\\partial f}{\\partial x_j} = 2\\sum_{i=1}^{n} x_i$$\n",
     ("= 2\\sum_{i=1}^{n} x_i$$", "= 2f$$")),
    ("notation_the_text_says_it_defines",
     "---\ns: vector 3\n---\nWrite $\\mathbb{1}_j = \\mathbb{1}[s_j > 0]$ for the units that fire.\n"
     "$$\\sum_{j=1}^{3} \\mathbb{1}_j\\, s_j = \\sum_{j=1}^{3} \\max(0, s_j)$$\n",
     ("\\max(0, s_j)$$", "\\max(0, -s_j)$$")),
    ("a_definition_s_names_read_where_the_step_stands",
     "## SGD\n\n$\\theta_t = \\theta_{t-1} - 0.1\\, g_t$, $g_t = 2\\theta_{t-1}$, $\\theta_0 = 1$:\n"
     "$$\\theta_1 = 0.8$$\n\n## A smaller step\n\n$\\theta_t = \\theta_{t-1} - 0.05\\, g_t$:\n"
     "$$\\theta_1 = 0.9, \\quad g_2 = 1.8$$\n", None),
    ("a_subscript_letter_whose_definition_writes_it",
     "---\nx: scalar\nh: scalar\n---\n$$a_z = w_z x + u_z h, \\quad z = \\sigma(a_z), \\quad "
     "o = (1 - z) h + z x$$\n$$\\frac{\\partial o}{\\partial a_z} = (x - h)\\, z (1 - z)$$\n",
     ("(x - h)\\, z", "(h - x)\\, z")),
    ("a_name_in_math_its_value_in_plain_text",
     "Let $y = w x$. Numbers: $w$=2, $x$=3, so\n$$y = 6$$\n", ("y = 6$$", "y = 5$$")),
    ("cases_rows_with_extra_space",
     "$$f(x) = \\begin{cases} x, & x > 0,\\\\[3pt] 0, & x \\le 0 \\end{cases}$$\n"
     "$$f(2) + f(-1) = 2$$\n", ("= 2$$\n", "= 1$$\n")),
    ("an_upstream_gradient_given_by_its_value",
     "Let $y = 2x$ for a vector $x$.\n\nTake $x = (1, 2, 3)$ and the upstream gradient "
     "$\\nabla_y L = (0.1, 0.4, -0.2)$. Then\n$$\\nabla_x L = (0.2, 0.8, -0.4)$$\n",
     ("(0.2, 0.8, -0.4)", "(0.2, 0.8, 0.4)")),
    ("a_normal_density_written_with_its_point",
     "$$\\ln \\mathcal{N}(x; \\mu, \\sigma^2) = -\\frac12\\ln(2\\pi\\sigma^2) - "
     "\\frac{(x-\\mu)^2}{2\\sigma^2}$$\n", ("{2\\sigma^2}$$", "{\\sigma^2}$$")),
    ("a_condition_written_after_the_chain",
     "$$\\frac{d}{da} a^3 = 3a^2 = 12 \\quad \\text{when } a = 2 .$$\n", ("= 12 ", "= 13 ")),
    ("a_slash_before_a_group",
     "$$L = 1/2 (1.5 - 2)^2 = 0.125$$\n", ("= 0.125", "= 0.135")),
    ("names_typed_in_plain_text",
     # w1, b1, dz1 as OCR'd notes type w₁, b₁, dz₁; a wide gap parts two columns
     "Values:   x = 3 ,  w1 = 2 ,  b1 = 1\n\n  z1 = w1 x + b1 = 7\n\n"
     "  dz1 = 0.5 ,   db1 = dz1 = 0.5\n", ("= 7\n", "= 8\n")),
    ("decimal_commas_inside_a_list",
     "$$(4 + 1, 100 + 25) = (5,0 , 125,0)$$\n", ("125,0)", "126,0)")),
    ("decimal_commas_alone",
     "$$0,25 + 1,25 = 1,5$$\n", ("= 1,5", "= 1,6")),
    ("a_function_at_a_point_and_its_entries",
     # OCR'd notes: f(w₀) = 1 + 5 is f at w₀ (not f anew); in f's body w₁ is an entry of w,
     # not the iterate w₁ defined further on
     "f(w) = w₁² + 5 w₂²        w₀ = (1 , 1)\n\nf(w₀) = 1 + 5 = 6\n\n"
     "g₁ = ∇f(w₀) = (2 , 10)\n\nw₁ = (0,5 , 0,5)\n", ("(2 , 10)", "(2 , 11)")),
    ("clip_and_sech",
     "$$\\operatorname{clip}(2, -1, 1) = 1, \\qquad 1 - \\tanh^2 u = \\operatorname{sech}^2 u$$\n",
     ("1 - \\tanh^2 u", "1 + \\tanh^2 u")),
    # -- names with labels and layer scripts --------------------------------------------
    ("label_mathcal_variance",
     "---\nx: vector 5\n---\n$$\\mu_{\\mathcal B} = \\frac15\\sum_{i=1}^{5} x_i, \\quad "
     "\\sigma_{\\mathcal B}^2 = \\frac15\\sum_{i=1}^{5} (x_i - \\mu_{\\mathcal B})^2$$\n"
     "$$\\sigma_{\\mathcal B}^2 = \\frac15\\sum_{i=1}^{5} x_i^2 - \\mu_{\\mathcal B}^2$$\n",
     ("x_i^2 - \\mu", "x_i^2 + \\mu")),
    ("label_word_subscript",
     "---\nx: vector 3\n---\n$$W_{out} = 2, \\quad y = W_{out} x$$\n$$\\frac{\\partial y}{\\partial x} "
     "= 2 I$$\n", ("= 2 I", "= 3 I")),
    ("frobenius_norm",
     "---\nW: matrix 2x3\n---\n$$\\|W\\|_F^2 = \\sum_{i=1}^{2}\\sum_{j=1}^{3} W_{ij}^2 = "
     "\\operatorname{Tr}(W^T W)$$\n$$\\frac{\\partial}{\\partial W} \\|W\\|_F^2 = 2W$$\n",
     ("= 2W", "= W")),
    ("error_of_sample_n",
     "---\ny, t: vector 3\n---\n$$E_n = \\frac12 \\sum_{k=1}^{3} (y_k - t_k)^2$$\n"
     "$$\\frac{\\partial E_n}{\\partial y_k} = y_k - t_k$$\n", ("= y_k - t_k", "= t_k - y_k")),
    ("nielsen_layer_superscripts",
     "---\nw^2: matrix 4x3\nb^2: vector 4\na^1: vector 3\ny: vector 4\n---\n"
     "$$z^2 = w^2 a^1 + b^2, \\quad a^2 = \\sigma(z^2), \\quad C = \\frac12\\|y - a^2\\|^2$$\n"
     "$$\\frac{\\partial C}{\\partial b^2_j} = (a^2_j - y_j)\\sigma'(z^2_j)$$\n"
     "$$\\frac{\\partial C}{\\partial w^2_{jk}} = a^1_k (a^2_j - y_j)\\sigma'(z^2_j)$$\n",
     ("= a^1_k (a^2_j - y_j)\\sigma'(z^2_j)", "= a^1_k (a^2_j - y_j)")),
    ("ng_bracket_layers",
     "---\nW^{[2]}: matrix 2x3\nA^{[1]}: vector 3\nY: probs 2\n---\n"
     "$$Z^{[2]} = W^{[2]} A^{[1]}, \\quad A^{[2]} = \\operatorname{softmax}(Z^{[2]}), \\quad "
     "\\mathcal L = -\\sum_{k=1}^{2} Y_k \\log A^{[2]}_k$$\n"
     "$$dZ^{[2]} = \\frac{\\partial \\mathcal L}{\\partial Z^{[2]}} = A^{[2]} - Y$$\n"
     "$$dW^{[2]} = \\frac{\\partial \\mathcal L}{\\partial W^{[2]}} = dZ^{[2]} A^{[1]T}$$\n",
     ("= dZ^{[2]} A^{[1]T}", "= A^{[1]} dZ^{[2]T}")),
    ("bishop_layer_parentheses",
     "---\nx: vector 3\nw^{(1)}: matrix 4x3\n---\n"
     "$$a_j = \\sum_{i=1}^{3} w^{(1)}_{ji} x_i$$\n"
     "$$\\frac{\\partial a_j}{\\partial w^{(1)}_{ji}} = x_i$$\n", ("= x_i", "= 2 x_i")),
    ("primed_index_letters",
     # X_{n'd}, δ_{nn'}: n′ is an index beside n, not the derivative of n
     "---\nX: matrix 3x4\nW: matrix 4x2\n---\n$$Y = XW, \\quad Y_{nm} = \\sum_{d=1}^{4} "
     "X_{nd} W_{dm}$$\n$$\\frac{\\partial Y_{nm}}{\\partial X_{n'd}} = \\delta_{nn'}\\, W_{dm}, "
     "\\quad \\frac{\\partial Y_{nm}}{\\partial W_{dm'}} = X_{nd}\\,\\delta_{mm'}$$\n",
     ("X_{nd}\\,\\delta_{mm'}", "X_{nd}\\,\\delta_{nm'}")),
    ("subscript_letters_that_tag_names",
     # w_h, w_x beside h_t, x_t: weights tagged by what they multiply, not components of w
     "$$h_t = \\tanh(w_x x_t + w_h h_{t-1}), \\quad h_0 = 0.5$$\n"
     "$$\\frac{\\partial h_1}{\\partial w_h} = (1 - h_1^2)\\, h_0$$\n"
     "$$\\frac{\\partial h_2}{\\partial w_x} = (1 - h_2^2)\\left(x_2 + w_h "
     "\\frac{\\partial h_1}{\\partial w_x}\\right), \\quad "
     "\\frac{\\partial h_1}{\\partial w_x} = (1 - h_1^2)\\, x_1$$\n",
     ("(1 - h_2^2)\\left(x_2 + w_h", "(1 - h_2^2)\\left(x_2 + w_x")),
    ("weights_tagged_with_two_letters",
     "$$h_t = \\tanh(w_{hh} h_{t-1} + w_{xh} x_t), \\quad h_0 = 0$$\n"
     "$$\\frac{\\partial h_1}{\\partial w_{xh}} = (1 - h_1^2)\\, x_1$$\n",
     ("(1 - h_1^2)\\, x_1", "(1 + h_1^2)\\, x_1")),
    ("a_sequence_from_any_first_member",
     # v_0 never given: the step holds for every v_0, and is checked so
     "$$v_t = \\rho v_{t-1} + (1 - \\rho) g_t^2$$\n"
     "$$v_2 - \\rho^2 v_0 = (1 - \\rho)(\\rho g_1^2 + g_2^2)$$\n", None),
    ("upstream_gradient_through_two_definitions",
     # ĝ_i = 3 g_i and g_i = ∂L/∂y_i, L written nowhere: a claim for every loss, two names away
     "---\nx: vector 3\nc: vector 3\n---\n$$y_i = c_i x_i, \\quad g_i = \\partial L/"
     "\\partial y_i, \\quad \\hat g_i = 3 g_i$$\n"
     "$$\\frac{\\partial L}{\\partial x_j} = \\frac{1}{3} c_j \\hat g_j$$\n",
     ("\\frac{1}{3} c_j", "\\frac{1}{2} c_j")),
    ("gradient_of_an_unwritten_loss_at_each_step",
     # g_t = ∇L(θ_{t−1}) with L written nowhere: any gradient at each step, an input
     "$$g_t = \\nabla_\\theta L(\\theta_{t-1}), \\quad v_t = \\beta v_{t-1} + g_t, \\quad "
     "\\theta_t = \\theta_{t-1} - \\eta v_t, \\quad v_0 = 0$$\n"
     "$$v_2 = \\beta g_1 + g_2$$\n", ("\\beta g_1 + g_2", "g_1 + \\beta g_2")),
    ("givens_after_a_chain_of_definitions_set_up_the_next_part",
     # m_0 = v_0 = 0 defines, checks nothing: the values after it still reach "Step 1"
     "Adam's first moment, with $m_0 = v_0 = 0$:\n$$m_t = b_1 m_{t-1} + (1-b_1) g_t$$\n"
     "We use $b_1 = 0.9$ and $g_1 = 0.5$.\n\n**Step 1.** $m_1 = 0.1 \\cdot 0.5 = 0.05$.\n",
     ("0.1 \\cdot", "0.2 \\cdot")),
    ("a_rule_with_its_otherwise_sets_no_value",
     # "if ‖g‖ > c, replace …; otherwise …": a case of the rule, not a condition on what follows
     "We clip to a maximum norm $c = 5$.\n\nThe rule: if $\\lVert g\\rVert > c$, replace "
     "$g \\leftarrow g\\cdot c/\\lVert g\\rVert$; otherwise leave it unchanged.\n\n"
     "$$\\lVert g\\rVert^2 = g^T g$$\n", None),
    ("gradient_of_a_defined_function_at_a_point",
     # ∇f(w_t) of f(w) = w²: f's gradient at each iterate, not a derivative by w_t
     "We minimise $f(w) = w^2$ from $w_0 = 1$ with $v_0 = 0$, $\\beta = 0.9$, $\\eta = 0.1$:\n"
     "$$v_{t+1} = \\beta v_t + \\nabla f(w_t), \\qquad w_{t+1} = w_t - \\eta v_{t+1}$$\n"
     "$$v_1 = \\nabla f(w_0) = 2, \\quad w_1 = 0.8, \\quad \\nabla f(w_1) = 1.6$$\n",
     ("\\nabla f(w_1) = 1.6", "\\nabla f(w_1) = 1.8")),
    ("a_primed_name_that_names",
     # H = 32 is no function of anything: H' = … names the output height, it is no derivative
     "Take $H = 32$, padding 2 and a kernel of 5.\n$$H' = (32 + 2\\cdot 2 - 5) + 1 = 32$$\n"
     "$$H' H' = 1024$$\n", ("H' H' = 1024", "H' H' = 1000")),
    ("a_new_value_written_with_a_prime",
     # W' = aW after x = Wu + c: the folded weight, a name of its own
     "$$x = W u + c, \\quad y = a x + b = (aW) u + (ac + b)$$\n"
     "so $W' = aW$ and $c' = ac + b$:\n$$a x + b = W' u + c'$$\n", ("W' u + c'", "W' u - c'")),
    ("roman_transpose_without_braces",
     "---\nw, x: vector 3\n---\n$$z = w^{\\mathrm T} x$$\n"
     "$$\\frac{\\partial z}{\\partial w} = x$$\n", ("= x$$", "= 2x$$")),
    # -- expectations under the laws a text declares ------------------------------------
    ("variance_of_a_uniform_law",
     "Let $w \\sim \\mathcal{U}(-a, a)$ with $a = 0.3$.\n"
     "$$\\mathrm{Var}(w) = \\mathbb{E}[w^2] = \\frac{a^2}{3}$$\n",
     ("{a^2}{3}", "{a^2}{12}")),
    ("moments_of_a_normal_law",
     "---\ns: positive\n---\nLet $x \\sim \\mathcal{N}(0, s^2)$.\n"
     "$$\\mathbb{E}[x^4] = 3 s^4$$\n$$\\operatorname{Var}[x^2] = 2 s^4$$\n",
     ("= 2 s^4", "= s^4")),
    ("inverted_dropout_mask",
     "The mask $m \\sim \\mathrm{Bernoulli}(p)$ keeps a unit, and $y = m x / p$.\n"
     "$$\\mathbb{E}[y] = x$$\n$$\\mathrm{Var}[y] = \\frac{x^2 (1 - p)}{p}$$\n",
     ("{x^2 (1 - p)}{p}", "{x^2 (1 - p)}{p^2}")),
    ("dropout_mask_per_entry",
     # 𝔼 of a family member h̃_i = m_i h_i: over the one entry m_i, the definition opened
     "Let $m_i \\sim \\mathrm{Bernoulli}(1-p)$ i.i.d., and $\\tilde h_i = \\frac{m_i}{1-p}\\, "
     "h_i$.\n$$\\mathbb{E}[\\tilde h_i] = h_i, \\quad \\mathbb{E}[\\tilde h_i^2] = "
     "\\frac{h_i^2}{1-p}$$\n$$\\operatorname{Var}[\\tilde h_i] = "
     "\\frac{p}{1-p}\\, h_i^2$$\n", ("\\frac{p}{1-p}\\, h_i^2", "p\\, h_i^2")),
    ("a_relation_of_letters_no_subscript_holds",
     # q = 1 − p in the prose defines q: p and q are written in no subscript, not indices
     "Let $p$ be the drop rate and $q = 1 - p$ the keep rate.\n"
     "$$\\frac{1}{q} - 1 = \\frac{p}{1-p}$$\n", ("= \\frac{p}{1-p}", "= \\frac{p}{1+p}")),
    ("a_half_before_a_bracket_in_the_prose",
     # "Let $L = ½(σ(wx+b) − t)²$": ½ times a bracket, not a name; L is defined
     "Let $L = \\tfrac12\\,(\\sigma(wx+b) - t)^2$. Find $\\partial L/\\partial w$.\n"
     "$$\\frac{\\partial L}{\\partial w} = (\\sigma(wx+b) - t)\\,\\sigma(wx+b)\\,"
     "(1 - \\sigma(wx+b))\\, x$$\n", ("(1 - \\sigma(wx+b))\\, x$$", "(1 - \\sigma(wx+b))$$")),
    ("a_point_set_apart_in_the_prose",
     # "(at $x = 0$ it is not differentiable)": the point is set apart, the step above is
     # still meant for every x
     "Forward: $y = \\max(0, x)$. Its derivative is\n$$\\frac{dy}{dx} = \\mathbb{1}[x > 0]$$\n"
     "(at $x = 0$ it is not differentiable; frameworks use $0$ there.)\n",
     ("\\mathbb{1}[x > 0]$$", "\\mathbb{1}[x < 0]$$")),
    ("an_equation_after_when_is_the_condition",
     # "vanishes only when $z_1 − z_2 = \log(…) = \log 9$": the first link is the condition
     # the prose names, the rest a computation
     "Let $z = (2, 1)$. The gradient vanishes only when $z_1 - z_2 = \\log\\frac{18}{2} = "
     "\\log 9$.\n", ("= \\log 9$", "= \\log 8$")),
    ("a_definition_on_rounded_decimals_keeps_their_precision",
     # q = (0.9 + 0.033, 0.033) for 0.1/3 = 0.0333…: q − p to three digits allows for it
     "Let $p = (0.7447, 0.2553)$ and $q = (0.9 + 0.033,\\ 0.033)$.\n"
     "$$p - q \\approx (-0.189,\\ 0.222)$$\n", ("0.222)$$", "0.232)$$")),
    ("product_of_independent_variables",
     "Take independent $w \\sim \\mathcal{N}(0, v)$ and $x \\sim \\mathcal{U}(-1, 1)$.\n"
     "$$\\mathrm{Var}(w x) = \\mathrm{Var}(w)\\,\\mathrm{Var}(x) = \\frac{v}{3}$$\n",
     ("= \\frac{v}{3}", "= \\frac{v}{2}")),
    ("reparameterised_gradient",
     "Take $z \\sim \\mathcal{N}(\\mu, \\sigma^2)$ and $J = \\mathbb{E}[z^2]$, so that "
     "$\\partial J/\\partial\\sigma = 2\\sigma$. With $\\varepsilon \\sim "
     "\\mathcal{N}(0, 1)$:\n"
     "$$\\mathbb{E}\\big[2(\\mu + \\sigma\\varepsilon)\\varepsilon\\big] = 2\\sigma$$\n",
     ("= 2\\sigma$$", "= 2\\mu$$")),
    ("sigma_never_applied_is_a_value",
     "---\nx: vector 3\n---\n"
     "$$\\mu = \\frac13 \\sum_{i=1}^{3} x_i, \\quad \\hat x = \\frac{x - \\mu}"
     "{\\sqrt{\\sigma^2 + \\epsilon}}$$\n"
     "$$\\frac{\\partial \\hat x_1}{\\partial x_1} = \\frac{2/3}{\\sqrt{\\sigma^2 + "
     "\\epsilon}}$$\n", ("= \\frac{2/3}", "= \\frac{1/3}")),
    ("a_value_given_for_a_square",
     "With $\\sigma^2 = 3.99$ and $\\epsilon = 0.01$: $\\sqrt{\\sigma^2 + \\epsilon} = 2$ "
     "and $\\sqrt{\\sigma^2} = 1.9975$.\n", ("= 2$", "= 2.5$")),
    ("conditions after the formulas they govern",
     "**Leaky ReLU** with $0 < a < 1$: $f(x) = \\max(a x, x)$, so $f'(x) = 1$ for $x > 0$ "
     "and $f'(x) = a$ for $x < 0$.\n", ("= a$ for", "= 1 - a$ for")),
    ("a root of a square the text defines",
     "---\nx: vector 4\n---\n$$\\mu = \\frac14\\sum_{k=1}^{4} x_k, \\quad \\sigma^2 = "
     "\\frac14\\sum_{k=1}^{4} (x_k - \\mu)^2, \\quad \\hat x_i = \\frac{x_i - \\mu}"
     "{\\sigma}$$\n$$\\frac{\\partial \\sigma}{\\partial x_j} = \\frac{\\hat x_j}{4}$$\n",
     ("= \\frac{\\hat x_j}{4}", "= \\frac{\\hat x_j}{2}")),
    ("two labelled values in one sentence",
     "$$a = \\sqrt{\\frac{6}{n_{in} + n_{out}}}$$\nFor a layer with $n_{in} = 256$ and "
     "$n_{out} = 128$: $n_{in} + n_{out} = 384$ and $a = \\sqrt{6/384} = 0.125$.\n",
     ("= 0.125$", "= 0.25$")),
    ("a list written with decimal commas and semicolons",
     "Mit $p = (0{,}2;\\ 0{,}3;\\ 0{,}5)$ und $y = (0;\\ 1;\\ 0)$ ist\n"
     "$$p - y = (0{,}2;\\ -0{,}7;\\ 0{,}5)$$\n", ("-0{,}7", "-0{,}2")),
    # -- primes ----------------------------------------------------------------------------
    ("primes_of_functions",
     "$$f(u) = u^3 + u$$\n$$f'(u) = 3u^2 + 1$$\n$$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$$\n",
     ("= 3u^2 + 1", "= 3u^2")),
    ("prime_without_argument",
     "$$\\sigma' = \\sigma(1 - \\sigma)$$\n$$\\tanh' = 1 - \\tanh^2$$\n",
     ("= 1 - \\tanh^2", "= 1 + \\tanh^2")),
    ("quotient_rule_primes",
     "Let $u = 1$ and $v = 1 + e^{-z}$, so that $u' = 0$ and $v' = -e^{-z}$:\n"
     "$$\\left(\\frac{u}{v}\\right)' = \\frac{u'v - uv'}{v^2} = \\frac{e^{-z}}{(1 + e^{-z})^2}$$\n",
     ("= \\frac{e^{-z}}{(1 + e^{-z})^2}", "= \\frac{e^{z}}{(1 + e^{-z})^2}")),
    ("prime_of_defined_function",
     "$$z_j = h(a_j) = \\tanh(a_j)$$\n$$h'(a) = 1 - h(a)^2$$\n", ("= 1 - h(a)^2", "= 1 - h(a)")),
    ("prime_command",
     "$$g(z) = \\tanh(z)$$\n$$g^{\\prime}(z) = 1 - g(z)^2$$\n", ("= 1 - g(z)^2", "= 1 + g(z)^2")),
    # -- named intermediates, definitions in any order -----------------------------------
    ("named_intermediate_defined_after_use",
     "---\nW: matrix 3x4\nx: vector 4\nb: vector 3\n---\n"
     "With $h = \\sigma(u)$, where $u = Wx + b$, and $L = \\frac12 \\|h\\|^2$:\n"
     "$$\\frac{\\partial L}{\\partial u} = h \\odot h \\odot (1 - h)$$\n"
     "$$\\frac{\\partial L}{\\partial x} = W^T (h \\odot h \\odot (1 - h))$$\n",
     ("= W^T (h", "= W (h")),
    ("chain_of_names",
     "$$\\hat y = a = \\sigma(z)$$\n$$\\frac{da}{dz} = a(1 - a) = \\hat y (1 - \\hat y)$$\n",
     ("= \\hat y (1 - \\hat y)", "= \\hat y (1 + \\hat y)")),
    ("name_defined_twice",
     "---\ny, a: vector 3\n---\nThe quadratic cost $C = \\frac12 \\|y - a\\|^2$ gives "
     "$$\\frac{\\partial C}{\\partial a} = a - y$$\n\n## Cross-entropy\n\n"
     "Now let $C = -\\sum_{j=1}^{3} y_j \\log a_j$ instead:\n"
     "$$\\frac{\\partial C}{\\partial a_j} = -\\frac{y_j}{a_j}$$\n",
     ("= -\\frac{y_j}{a_j}", "= \\frac{y_j}{a_j}")),
    ("function_with_a_tilde",
     "---\nw: vector 3\n\\lambda: positive\n---\n$$J(w) = w^T w$$\n"
     "$$\\tilde J(w) = J(w) + \\frac{\\lambda}{2} w^T w$$\n"
     "$$\\nabla_w \\tilde J(w) = 2w + \\lambda w$$\n", ("= 2w + \\lambda w", "= 2w + 2\\lambda w")),
    ("conv_sizes_named_in_the_prose",
     "The output size is $O = \\frac{W - F + 2P}{S} + 1$; for $W = 32$, $F = 5$, $P = 2$ and "
     "$S = 1$ it is\n$$\\frac{W - F + 2P}{S} + 1 = 32$$\n", ("+ 1 = 32$$", "+ 1 = 28$$")),
    # -- prose that is not a claim -----------------------------------------------------------
    ("cases_in_the_prose",
     "---\nz: vector 4\n---\n$$s_i = \\frac{e^{z_i}}{\\sum_{k=1}^{4} e^{z_k}}$$\n\n"
     "Case 1: $i = j$.\n$$\\frac{\\partial s_i}{\\partial z_j} = s_i(1 - s_i)$$\n\n"
     "Case 2: $i \\neq j$.\n$$\\frac{\\partial s_i}{\\partial z_j} = -s_i s_j$$\n",
     ("= -s_i s_j", "= s_i s_j")),
    ("constants_and_lists_in_the_prose",
     "A network with $L = 3$ layers; for $l = 2, 3$ the weights are matrices.\n"
     "$$L - 1 = 2$$\n", ("L - 1 = 2", "L - 1 = 3")),
    ("model_statement_and_update",
     "The model is $P(y = 1 \\mid x) = \\sigma(w^T x)$, trained by $w := w - \\alpha\\, dw$.\n"
     "$$\\sigma(0) = \\frac12$$\n", ("= \\frac12", "= \\frac13")),
    # -- shorthand and conventions -------------------------------------------------------------
    ("elementwise_shorthand",
     "---\na: vector 3\n---\n$$\\frac{d\\sigma}{da} = \\sigma(1 - \\sigma)$$\n"
     "$$\\frac{d\\tanh}{da} = 1 - \\tanh^2$$\n", ("= 1 - \\tanh^2", "= 1 - \\tanh")),
    ("broadcast_bias",
     "---\nW: matrix 4x3\nX: matrix 3x5\nb: vector 4\n---\n$$Z = WX + b$$\n"
     "$$\\frac{\\partial}{\\partial b} \\sum_{i=1}^{4}\\sum_{j=1}^{5} Z_{ij} = 5 \\cdot "
     "\\mathbf{1}$$\n", ("= 5 \\cdot", "= 4 \\cdot")),
    ("shadowed_index",
     "---\nx: vector 4\nc: scalar\ni, j: index 4\n---\n"
     "$$\\frac{e^{x_j + c}}{\\sum_j e^{x_j + c}} = \\frac{e^{x_j}}{\\sum_k e^{x_k}}$$\n",
     ("= \\frac{e^{x_j}}{", "= \\frac{e^{x_j + c}}{")),
    ("vector_times_jacobian",
     "---\nx: vector 3\nv: vector 3\n---\n$$f(x) = \\sigma(x)$$\n"
     "$$v \\cdot D_x f = v^T \\operatorname{diag}(\\sigma(x)(1 - \\sigma(x)))$$\n",
     ("= v^T \\operatorname", "= 2 v^T \\operatorname")),
    # -- other constructs ---------------------------------------------------------------------
    ("norms_and_traces",
     "---\nx: vector 3\nA: matrix 3x3\n---\n$$\\|x\\|^2 = x^T x = \\operatorname{tr}(x x^T) = "
     "\\mathrm{tr}(x x^T)$$\n$$\\operatorname{Tr}(A) = \\sum_{i=1}^{3} A_{ii}$$\n",
     ("= \\sum_{i=1}^{3} A_{ii}", "= \\sum_{i=1}^{3} A_{i1}")),
    ("set_of_samples_and_dots",
     "For the batch $\\mathcal B = \\{x_1, \\dots, x_4\\}$,\n"
     "$$\\frac{1}{4}(x_1 + x_2 + \\cdots + x_4) = \\frac14 \\sum_{i=1}^{4} x_i$$\n",
     ("= \\frac14 \\sum", "= \\frac13 \\sum")),
    ("big_slash_and_positive_part",
     "---\nx: scalar\n---\n$$x^+ = \\max(0, x)$$\n$$\\frac{1}{2}\\big/ \\frac14 = 2$$\n",
     ("\\frac14 = 2", "\\frac14 = 4")),
    ("parameters_after_a_semicolon",
     "---\nW: matrix 3x4\nx: vector 4\n---\n$$f(x; W) = W x$$\n"
     "$$\\frac{\\partial}{\\partial x} \\mathbf{1}^T f(x; W) = W^T \\mathbf{1}$$\n",
     ("= W^T \\mathbf{1}", "= W \\mathbf{1}")),
    ("identity_entries",
     "---\na: vector 3\n---\n$$y_k = \\frac{e^{a_k}}{\\sum_{j=1}^{3} e^{a_j}}$$\n"
     "$$\\frac{\\partial y_k}{\\partial a_j} = y_k (I_{kj} - y_j)$$\n",
     ("(I_{kj} - y_j)", "(I_{kj} - y_k)")),
    ("full_stop_before_tag",
     "---\nx: scalar\n---\n$$\\frac{d}{dx} x^2 = 2x . \\tag{1}$$\n", ("= 2x .", "= x .")),
    ("nabla_without_subscript",
     "---\nx: vector 3\nA: matrix 3x3\n---\n$$f(x) = x^T A x$$\n$$\\nabla f = (A + A^T) x$$\n",
     ("= (A + A^T) x", "= 2 A x")),
    ("evaluation_bar",
     "$$\\frac{d}{dx} \\left(x^2 + 3x\\right) \\Big|_{x=0} = 3$$\n", ("= 3", "= 0")),
    ("array_environment",
     "---\nx: vector 2\n---\n$$\\left[\\begin{array}{cc} 1 & 0 \\\\ 0 & 1 \\end{array}\\right] x "
     "= x$$\n", ("] x = x", "] x = 2x")),
    ("matrix_inverse",
     "---\nX: matrix 3x3\na, b: vector 3\n---\n$$\\frac{\\partial a^T X^{-1} b}{\\partial X} "
     "= -X^{-T} a b^T X^{-T}$$\n", ("= -X^{-T} a b^T", "= X^{-T} a b^T")),
    # -- sets the prose names a value from ------------------------------------------------
    ("binary_label_in_prose",
     "For a label $y \\in \\{0, 1\\}$ and $z$ a number,\n"
     "$$P(y) = \\frac{\\exp(yz)}{\\sum_{y'=0}^{1} \\exp(y'z)} = \\sigma((2y - 1) z)$$\n"
     "$$\\frac{d}{dz} \\left(-\\log \\sigma((2y - 1) z)\\right) = "
     "(1 - 2y)\\,\\sigma((1 - 2y) z)$$\n",
     ("(1 - 2y)\\,\\sigma((1 - 2y) z)", "(1 - 2y)\\,\\sigma((2y - 1) z)")),
    ("plus_minus_one_labels",
     "---\ny: \\{-1, +1\\}\nm: scalar\n---\n$$\\log(1 + e^{-y m}) = -\\log \\sigma(y m)$$\n"
     "$$y^2 = 1$$\n", ("$$y^2 = 1$$", "$$y^2 = y$$")),
    ("binary_vector_labels",
     "---\nt: \\{0, 1\\}^4\n---\n$$\\sum_{k=1}^{4} t_k^2 = \\sum_{k=1}^{4} t_k$$\n",
     ("= \\sum_{k=1}^{4} t_k$$", "= \\sum_{k=1}^{4} 2 t_k$$")),
    ("conditional_bar_in_arguments",
     "---\nx: scalar\ntheta: scalar\n---\n$$p(x) = e^{x}, \\quad p(x \\mid \\theta) = e^{x}$$\n"
     "$$\\log p(x \\mid \\theta) = x$$\n", ("= x$$", "= 2x$$")),
    ("e_names_a_node",
     "The expression $e = (a + b)(b + 1)$ with\n"
     "$$c = a + b, \\qquad d = b + 1, \\qquad e = c d$$\n"
     "$$\\frac{\\partial e}{\\partial c} = d, \\qquad \\frac{\\partial e}{\\partial b} = "
     "a + 2b + 1$$\n", ("= a + 2b + 1", "= a + 2b")),
    ("second_derivative_by_subscript",
     "---\no: vector 3\n---\n$$f = \\log \\sum_{k=1}^{3} e^{o_k}$$\n"
     "$$\\partial^2_{o_j} f = \\mathrm{softmax}(o)_j (1 - \\mathrm{softmax}(o)_j)$$\n",
     ("(1 - \\mathrm{softmax}(o)_j)$$", "(1 + \\mathrm{softmax}(o)_j)$$")),
    ("log_derivative_trick",
     "---\n\\theta: vector 4\n---\n$$p(a) = \\frac{e^{\\theta_a}}{\\sum_{b=1}^{4} e^{\\theta_b}}$$\n"
     "$$\\nabla_{\\theta} p(2) = p(2)\\nabla_{\\theta}\\log p(2)$$\n",
     ("= p(2)\\nabla", "= p(1)\\nabla")),
    ("sizes_named_in_the_prose",
     "Let $X \\in \\mathbb{R}^{N \\times D}$, $w \\in \\mathbb{R}^D$ and $y \\in \\mathbb{R}^N$.\n"
     "$$\\nabla_w \\tfrac12 \\|Xw - y\\|^2 = X^T (Xw - y)$$\n",
     ("= X^T (Xw - y)", "= X^T (Xw + y)")),
    ("one_hot_rows_of_a_batch",
     "$$L = -\\frac{1}{3}\\sum_{n=1}^{3}\\sum_{k=1}^{4} t_{nk}\\log y_{nk}, \\quad "
     "y_{nk} = \\frac{\\exp(a_{nk})}{\\sum_{i=1}^{4} \\exp(a_{ni})}$$\n"
     "$$\\frac{\\partial L}{\\partial a_{nk}} = \\frac{y_{nk} - t_{nk}}{3}$$\n",
     ("= \\frac{y_{nk} - t_{nk}}{3}", "= \\frac{y_{nk} - t_{nk}}{4}")),
    ("a_new_setting_for_a_name",
     "---\nz: vector 3\n---\n$$q = \\mathrm{softmax}(z)$$\n"
     "$$\\sum_{i=1}^{3} q_i = 1$$\n"
     "With temperature, for $q = \\mathrm{softmax}(z/2)$,\n"
     "$$\\sum_{i=1}^{3} q_i \\log q_i = \\sum_{i=1}^{3} q_i \\frac{z_i}{2} - "
     "\\log \\sum_{k=1}^{3} e^{z_k/2}$$\n",
     ("q_i \\frac{z_i}{2}", "q_i z_i")),
    ("a_fact_said_with_iff",
     "$$D = (m_1 - m_2)^2$$\nThis is zero iff $m_1 = m_2$.\n"
     "$$\\frac{\\partial D}{\\partial m_1} = 2(m_1 - m_2)$$\n",
     ("= 2(m_1 - m_2)", "= 3(m_1 - m_2)")),
    ("values_set_on_a_line_of_their_own",
     "$a = 2$, $b = -3$\n\n$$e = a b$$\n$$\\frac{\\partial e}{\\partial a} = b = -3$$\n",
     ("= b = -3", "= b = 3")),
    ("an_upstream_gradient_of_any_loss",
     "---\nX: matrix 5x3\nW: matrix 3x4\nb: vector 4\n---\n$$Y = X W + b^T$$\n"
     "$$\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} W^T, \\qquad "
     "\\frac{\\partial L}{\\partial W} = X^T \\frac{\\partial L}{\\partial Y}$$\n",
     ("= X^T \\frac{\\partial L}{\\partial Y}$$", "= X^T \\frac{\\partial L}{\\partial Y} + W$$")),
    ("an_upstream_gradient_named_then_given_in_an_example",
     "Let $X \\in \\mathbb{R}^{m \\times n}$, $W \\in \\mathbb{R}^{n \\times k}$ and "
     "$b \\in \\mathbb{R}^{1 \\times k}$, with $Y = XW + \\mathbf{1}_m b$ and the upstream "
     "gradient $G = \\partial L / \\partial Y$.\n\n"
     "$$\\frac{\\partial L}{\\partial X} = G W^\\top$$\n\n"
     "**Example** ($m = n = k = 2$): $W = \\begin{bmatrix} 1 & -1 \\\\ 2 & 0 \\end{bmatrix}$, "
     "$G = \\begin{bmatrix} 1 & 0 \\\\ -1 & 2 \\end{bmatrix}$, so\n"
     "$$G W^\\top = \\begin{bmatrix} 1 & 2 \\\\ -3 & -2 \\end{bmatrix}$$\n",
     ("= G W^\\top$$", "= G W$$")),
    ("a_row_repeated_by_a_column_of_ones",
     "Take $X \\in \\mathbb{R}^{N \\times D}$, $W \\in \\mathbb{R}^{D \\times M}$, "
     "$b \\in \\mathbb{R}^{M}$ and\n$$Y = XW + \\mathbf{1} b^\\top$$\n"
     "$$\\frac{\\partial Y_{nm}}{\\partial b_m} = 1$$\n",
     ("= 1$$", "= 2$$")),
    ("a_value_given_throughout",
     "We compare two schemes on $f(\\theta) = \\tfrac{a}{2}\\theta^2$, whose gradient is "
     "$\\nabla f(\\theta) = a\\theta$. Throughout, $a = 4$, step size $\\eta = 0.1$ and "
     "$\\theta_0 = 1$.\n\n**Iterates.**\n"
     "$$\\theta_1 = \\theta_0 - \\eta a \\theta_0 = 0.6$$\n\n"
     "**Remark.** On this quadratic the step is linear: "
     "$\\theta_{t+1} = (1 - \\eta a)\\theta_t = 0.6\\,\\theta_t$.\n",
     ("= 0.6\\,\\theta_t", "= 0.5\\,\\theta_t")),
    ("an_optimum_mark_and_its_square",
     "For fixed $y$ and $\\mu$, the minimum over $s$ is at\n"
     "$$s^\\ast = \\log (y - \\mu)^2$$\n$$e^{s^{*}} = (y - \\mu)^2$$\n",
     ("= (y - \\mu)^2$$", "= (y - \\mu)^3$$")),
    ("a_size_written_as_a_sum",
     "Let $X \\in \\mathbb{R}^{n \\times (d+1)}$, $\\theta \\in \\mathbb{R}^{d+1}$ and "
     "$y \\in \\mathbb{R}^{n}$, with $r = X\\theta - y$ and $J = \\frac{1}{n} r^T r$.\n"
     "$$\\nabla_\\theta J = \\frac{2}{n} X^T (X\\theta - y)$$\n",
     ("\\frac{2}{n} X^T", "\\frac{1}{n} X^T")),
    ("a_datum_written_again_is_exact",
     "Take $z = (2;\\ 1;\\ 0{,}1)$.\n\n$$e^{0{,}1} = 1{,}1052$$\n",
     ("1{,}1052", "1{,}1105")),
    ("row_sums_and_a_column_repeated",
     "---\nP: matrix 3x4\n---\n$$r = \\operatorname{rowsum}(P)$$\n"
     "$$\\left(P - \\tfrac{1}{4}\\, r\\,\\mathbf{1}^\\top\\right)\\mathbf{1} = 0$$\n",
     ("\\tfrac{1}{4}", "\\tfrac{1}{3}")),
    ("d_names_after_a_declared_list",
     "Let $Q, K \\in \\mathbb{R}^{4 \\times 3}$, $S = QK^\\top$ and $dS = \\partial L / "
     "\\partial S$.\n$$dQ = dS\\, K$$\n",
     ("dS\\, K$$", "dS\\, Q$$")),
    ("an_expectation_under_a_law_the_text_names",
     "Let $p = \\mathcal{N}(\\mu_1, \\sigma_1^2)$ and $q = \\mathcal{N}(\\mu_2, "
     "\\sigma_2^2)$.\n\n"
     "$$\\ln q(x) = -\\tfrac{1}{2}\\ln(2\\pi\\sigma_2^2) - "
     "\\frac{(x - \\mu_2)^2}{2\\sigma_2^2}$$\n"
     "$$\\mathbb{E}_p[(x - \\mu_2)^2] = \\sigma_1^2 + (\\mu_1 - \\mu_2)^2$$\n",
     ("= \\sigma_1^2 + (\\mu_1", "= \\sigma_1^2 - (\\mu_1")),
    ("a_shape_set_apart_after_a_value",
     "---\nA: matrix 4x5\nG: matrix 4x3\n---\nWith $O = AV$ and $G = \\partial L/\\partial O$,\n"
     "$$\\frac{\\partial L}{\\partial V} = A^\\top G \\;\\;(5\\times 3)$$\n",
     ("A^\\top G", "A^\\top G A^\\top A")),
    ("a_known_function_with_a_word_subscript",
     "---\nS: matrix 3x4\n---\n$$A = \\operatorname{softmax}_{\\text{row}}(S)$$\n"
     "$$A\\mathbf{1} = \\mathbf{1}$$\n",
     ("A\\mathbf{1} = \\mathbf{1}", "A\\mathbf{1} = 2\\cdot\\mathbf{1}")),
    ("a_rounded_value_given_as_a_point",
     "$$\\hat x = \\frac{x - \\mu}{\\sigma}$$\n"
     "For $x = (1, 2, 3, 6)$ we have $\\mu = 3$ and $\\sigma^2 = 3{,}5$, so $\\sigma = 1{,}8708$. "
     "Then\n$$\\hat x = (-1{,}0690;\\ -0{,}5345;\\ 0;\\ 1{,}6036)$$\n",
     ("1{,}6036)", "1{,}6063)")),
    ("deltas_of_any_cost",
     "---\nw: matrix 3x4\nb: vector 3\na: vector 4\n---\n$$z = w a + b$$\n"
     "$$\\delta = \\frac{\\partial C}{\\partial z}$$\n"
     "$$\\frac{\\partial C}{\\partial a} = w^T \\delta$$\n",
     ("= w^T \\delta$$", "= 2 w^T \\delta$$")),
    ("a_neuron_with_numbers",
     "Now a single neuron: with inputs $x_1 = 2$, $x_2 = 0$, weights $w_1 = -3$, $w_2 = 1$ "
     "and bias $b = 6.5$ we get $n = x_1 w_1 + x_2 w_2 + b = 0.5$ and $o = \\tanh(n)$. So\n\n"
     "$$\\frac{do}{dw_1} = \\frac{do}{dn} \\cdot x_1 = 2\\left(1 - \\tanh^2(0.5)\\right)$$\n",
     ("= 2\\left(1 - \\tanh^2(0.5)", "= 2\\left(1 - \\tanh(0.5)")),
    ("one_sum_over_two_indices",
     "---\nx, z: vector 3\n---\n$$\\sum_{i,j=1}^{3} x_i x_j z_i z_j = (x^T z)^2$$\n",
     ("= (x^T z)^2", "= x^T z")),
    ("a_value_times_a_group_with_itself",
     "---\np: probability\n---\n$$q = 2p$$\n$$q(1 - q) = q - q^2$$\n",
     ("= q - q^2$$", "= q + q^2$$")),
    ("nabla_of_an_unspecified_loss",
     "---\nW: matrix 3x4\nh: vector 4\n---\n$$o = W h$$\n$$\\nabla_h L = W^T \\nabla_o L$$\n",
     ("= W^T \\nabla_o L", "= 2 W^T \\nabla_o L")),
    ("a_square_matrix_squared",
     "---\nA: matrix 3x3\n---\n$$(I - 2A)^2 = I - 4A + 4A^2$$\n", ("+ 4A^2", "+ 2A^2")),
    # -- components counted from 0, lists as vectors ----------------------------------------
    ("components_counted_from_zero_by_a_sum",
     "---\ntheta: vector 4\nx: vector 4\n---\n"
     "$$h = \\sum_{i=0}^{3} \\theta_i x_i$$\n$$h = \\theta^T x$$\n"
     "$$\\frac{\\partial h}{\\partial \\theta_0} = x_0$$\n", ("= x_0", "= x_1")),
    # -- since the hundred and twenty-fourth corpus --
    # \hat 0 (the value that stands for zero after quantizing) is a name, not the number 0
    ("an_accented_zero_is_a_name",
     "Let $s = 0.02$. The stored zero is $21$, so\n$$\\hat 0 = s\\,(21 - 21.25) = -0.25\\,s = -0.005 .$$\n",
     ("-0.005 .", "-0.006 .")),
    # a derivative the text sets with the verb after it ("… 로 둔다", a straight-through
    # estimator) is a convention, not a claim (it was a question: ŵ does not depend on w)
    ("a_derivative_set_with_the_verb_after_it",
     "$s = 0.5$, $q = (2,\\ 4)$, $w = (1.1,\\ 1.9)$이고 $\\hat w = s\\,q = (1,\\ 2)$이다.\n\nSTE에서는 $\\partial \\hat w_i / \\partial w_i = 1$ 로 둔다.\n",
     None),
    # 1 + β + β² + ⋯ + β^{t−1}: β is the pattern's term at 1, so the dots count up (they were
    # read counting down at t = 1, and the last term was summed twice at t = 3)
    ("a_sum_with_dots_whose_first_term_has_no_exponent",
     "Momentum keeps $v_t = \\beta\\, v_{t-1} + g$ with $v_0 = 0$. Unrolled,\n$$v_t = g\\,(1 + \\beta + \\beta^2 + \\dots + \\beta^{t-1}) = g\\,\\frac{1-\\beta^t}{1-\\beta}.$$\n",
     ("{1-\\beta^t}", "{1+\\beta^t}")),
    # P counted, then "the same arithmetic with P = 7 × 10⁹": the new number for the steps after
    # it (it was read as a remark, and the count stayed in force)
    ("a_counted_constant_given_another_number",
     "We count\n$$P = 200 + 30 = 230 .$$\nSo $4P = 920$.\n\n**Step 4.** The same arithmetic with $P = 7 \\times 10^9$:\n\n$$2P \\cdot 4 = 56 \\times 10^9 .$$\n",
     ("56 \\times 10^9", "54 \\times 10^9")),
    # a number with a prefixed unit after it (258 MiB) beside bytes: read in that unit
    ("a_number_in_mebibytes",
     "The block has $P = 135\\,266\\,304$ weights. In fp16 (2 bytes each):\n$$2P = 258\\ \\text{MiB}.$$\n",
     ("258", "268")),
    # P written with rounded entries after P_{21} = σ(1.0) is computed: its decimals are
    # rounded, and O = PV to four digits may rest on the exact ones
    ("a_matrix_that_restates_computed_entries_is_rounded",
     "With $S = \\begin{pmatrix} 0.3 & 0.9 \\\\ 1.2 & 0.2 \\end{pmatrix}$ and $V = \\begin{pmatrix} 2 & 1 \\\\ 0 & 3 \\end{pmatrix}$, row 2 of the softmax is $P_{21} = \\sigma(S_{21} - S_{22}) = \\sigma(1.0)$:\n$$P = \\begin{pmatrix} 1 & 0 \\\\ 0.7311 & 0.2689 \\end{pmatrix}.$$\nThen\n$$O = PV = \\begin{pmatrix} 2 & 1 \\\\ 0.7311\\cdot 2 & 0.7311 \\cdot 1 + 0.2689 \\cdot 3 \\end{pmatrix} \\approx \\begin{pmatrix} 2 & 1 \\\\ 1.4621 & 1.5379 \\end{pmatrix}.$$\n",
     ("1.5379 \\end", "1.5479 \\end")),
    # s = α/Q, then "b = 8, so s = 4/127 ≈ 0.031496", then under b = 4 the ratio s_4/s: s may
    # be the number the int8 section computed (the formula at b = 4 made the ratio 1, a ✗)
    ("a_defined_name_as_the_number_an_earlier_section_computed",
     "The scale is $s = \\alpha/Q$ with $Q = 2^{b-1} - 1$ and $\\alpha = 4$.\n\n## int8\n\nHere $b = 8$, so\n$$s = \\frac{4}{127} \\approx 0.031496 .$$\n\n## int4\n\nWith $b = 4$,\n$$s_4 = \\frac{4}{7} \\approx 0.5714,$$\nand the ratio of the two scales is $s_4/s = 127/7 \\approx 18.14$.\n",
     ("127/7 \\approx", "125/7 \\approx")),
    # K_j = a^j summed from j = 0: the family K and its written K_3 count from 0, so K has
    # four members (it was read from j = 1 with three, and the list was a new K)
    ("a_family_counted_from_zero_by_its_sum",
     "With $a = 0.5$, unrolling gives $x_k = \\sum_{j=0}^{k} a^j u_{k-j}$, so $K_j = a^{j}$ "
     "and $y_k = \\sum_{j=0}^{k} K_j u_{k-j}$. Here $a^2 = 0.25$, so\n"
     "$$K = (1,\\ 0.5,\\ 0.25,\\ 0.125).$$\n"
     "Then $y_3 = K_0 u_3 + K_1 u_2 + K_2 u_1 + K_3 u_0$.\n", None),
    ("a_list_as_a_vector_counted_from_zero",
     "$$w = [2, -3, -3]$$ and $$x = [-1, -2]$$ give\n"
     "$$w_0 x_0 + w_1 x_1 + w_2 = -2 + 6 - 3 = 1$$\n", ("= 1$$", "= 2$$")),
    # h = (h_1, …, h_n) written out: n counts h's entries, and an example's h of three
    # sizes h (and the family h̃_i over it) though h_1 is written (it was a vector of 1)
    ("a_list_written_out_is_sized_by_the_example",
     "Let $h = (h_1, \\ldots, h_n)$ be a layer's activations and m its mask.\n"
     "$$\\tilde h_i = \\frac{m_i h_i}{1 - p}$$\n"
     "Take $p = 0.2$, $h = (1.5, -0.4, 2.0)$ and $m = (1, 0, 1)$. Then\n"
     "$$\\tilde h = 1.25 \\cdot (1.5, 0, 2.0) = (1.875, 0, 2.5)$$\n",
     ("\\tilde h = 1.25", "\\tilde h = 1.5")),
    # m_i ∈ {0, 1} says what m's entries are; with m = (1, 0) given, m_i is an entry of it
    # (it was a name of its own, drawn 0 or 1, and the example failed)
    ("entries_declared_then_the_whole_given",
     "Each $m_i \\in \\{0, 1\\}$ keeps or drops $h_i$:\n$$\\tilde h_i = m_i h_i$$\n"
     "With $h = (2, 3)$ and $m = (1, 0)$,\n$$\\tilde h = (2, 0)$$\n",
     ("= (2, 0)", "= (0, 3)")),
    # δ^g = ∂L/∂g names the upstream gradient (a name with a label, as G would be), and
    # δ^a = ∂L/∂a is a name, not δ to the power a: every step is read for any loss
    ("an_upstream_gradient_named_with_a_label",
     "$$a = W h + U x + b, \\qquad g = \\tanh(a),$$\n"
     "where $g \\in \\mathbb{R}^H$, $x \\in \\mathbb{R}^D$, $W \\in \\mathbb{R}^{H \\times H}$, "
     "$U \\in \\mathbb{R}^{H \\times D}$.\n\nWe are given $\\delta^g = \\partial L / \\partial g$.\n"
     "$$\\delta^a = \\frac{\\partial L}{\\partial a} = \\delta^g \\odot (1 - g \\odot g)$$\n"
     "$$\\frac{\\partial L}{\\partial W} = \\delta^a h^\\top$$\n"
     "$$\\frac{\\partial L}{\\partial h} = W^\\top \\delta^a$$\n",
     ("= W^\\top \\delta^a", "= W \\delta^a")),
    # 1 − tanh² = sech²: a function named by a word, squared, is the function squared (a
    # claim), not a name sech² the chain defines (σ² = … stays a variance)
    ("a_word_function_squared_is_no_name",
     "Using $\\tanh' = 1 - \\tanh^2 = \\operatorname{sech}^2$,\n"
     "$$\\frac{d}{dx} x \\tanh(x) = \\tanh(x) + x \\operatorname{sech}^2(x)$$\n",
     ("+ x \\operatorname{sech}^2(x)", "- x \\operatorname{sech}^2(x)")),
    # m̂_1 worked out holds against m̂_t = m_t/(1 − β₁^t): the text follows the family, so
    # m̂_2 worked out is a claim about it too, not perhaps a new definition of m̂_2
    ("a_member_after_one_that_followed_its_family",
     "$$m_t = \\beta_1 m_{t-1} + (1 - \\beta_1)\\, g_t, \\qquad "
     "\\hat{m}_t = \\frac{m_t}{1 - \\beta_1^t}$$\nwith $m_0 = 0$ and $\\beta_1 = 0.9$.\n\n"
     "- $g_1 = 2$: $m_1 = 0.1 \\cdot 2 = 0.2$ and $\\hat{m}_1 = 0.2 / (1 - 0.9) = 2$\n"
     "- $g_2 = 1$: $m_2 = 0.9 \\cdot 0.2 + 0.1 \\cdot 1 = 0.28$ and "
     "$\\hat{m}_2 = 0.28 / (1 - 0.81) = 1.4737$\n",
     ("0.28 / (1 - 0.81) = 1.4737", "0.28 / (1 - 0.9) = 2.8")),
    ("a_list_of_columns_is_their_concatenation",
     "---\nh, u: vector 2\nx, v: vector 3\n---\n"
     "$$s = [u, v]^T [h, x]$$\n$$s = u^T h + v^T x$$\n", ("u^T h + v^T x", "u^T h - v^T x")),
    ("gelu_with_the_normal_distribution_function",
     "With $\\Phi$ the distribution function of the standard normal distribution,\n"
     "$$\\mathrm{GELU}(x) = x\\Phi(x)$$\n"
     "$$\\frac{d}{dx}\\mathrm{GELU}(x) = \\Phi(x) + \\frac{x}{\\sqrt{2\\pi}} e^{-x^2/2}$$\n",
     ("+ \\frac{x}", "- \\frac{x}")),
    ("a_name_defined_through_its_logarithm",
     "---\nz: vector 4\ni, j: index 4\n---\n"
     "$$\\log s_i = z_i - \\log\\sum_{k=1}^{4} e^{z_k}$$\n"
     "$$\\frac{\\partial \\log s_i}{\\partial z_j} = \\delta_{ij} - s_j$$\n",
     ("= \\delta_{ij} - s_j", "= s_j - \\delta_{ij}")),
    ("a_label_index_inside_a_definition_at_every_value",
     "---\nf: vector 3\ny_i: index 3\n---\n"
     "$$L_i = -\\log\\frac{e^{f_{y_i}}}{\\sum_{j=1}^{3} e^{f_j}}$$\n"
     "$$L_i = -f_{y_i} + \\log\\sum_{j=1}^{3} e^{f_j}$$\n",
     ("= -f_{y_i} +", "= f_{y_i} +")),
    ("a_sum_over_a_set_named_in_words",
     "---\nt, o: vector 4\nj: index 4\n---\n"
     "$$E = \\frac12 \\sum_{j \\in \\text{out}} (t_j - o_j)^2$$\n"
     "$$\\frac{\\partial E}{\\partial o_j} = o_j - t_j$$\n", None),
    ("a_defined_value_written_with_its_arguments",
     "---\nx: vector 3\nW: matrix 2x3\nk: index 2\ni: index 3\n---\n"
     "$$a_k = \\sum_{i=1}^{3} W_{ki} x_i$$\n"
     "$$\\frac{\\partial a_k(x, W)}{\\partial x_i} = W_{ki}$$\n", ("= W_{ki}$$", "= 2 W_{ki}$$")),
    ("a_function_of_the_texts_names_times_a_group",
     "---\nx, w: vector 3\n---\n$$a = w^T x$$\n$$y(x, w) = \\sigma(a)$$\n"
     "$$\\frac{\\partial y}{\\partial a} = y (1 - y)$$\n", ("= y (1 - y)", "= y (1 + y)")),
    ("a_standard_basis_vector",
     "---\nz: vector 4\ny: index 4\n---\n$$p = \\operatorname{softmax}(z)$$\n"
     "$$L = -\\log p_y$$\n$$\\nabla_z L = \\mathbf{p} - \\mathbf{e}_y$$\n",
     ("\\mathbf{p} - \\mathbf{e}_y", "\\mathbf{e}_y - \\mathbf{p}")),
    ("logarithms_to_a_base",
     "---\np: probability\n---\n"
     "$$H = -p\\log_2 p - (1 - p)\\log_2(1 - p)$$\n"
     "$$H = -\\frac{p \\ln p + (1 - p)\\ln(1 - p)}{\\ln 2}$$\n"
     "$$\\log_{10} 1000 = 3$$\n", ("= 3$$", "= 4$$")),
    ("values_rounded_as_written",
     "$$\\sigma(2) = 0.88$$\n$$\\sqrt{2} = 1.414$$\n$$1 - 0.88^2 = 0.23$$\n",
     ("\\sigma(2) = 0.88", "\\sigma(2) = 0.87")),
    ("thousands_separators",
     "$$784 \\cdot 800 + 800 = 628{,}000$$\n$$784 \\cdot 800 + 800 = 628,000$$\n"
     "$$784 \\cdot 800 + 800 = 628\\,000$$\n$$1{,}5 \\cdot 2 = 3$$\n",
     ("800 + 800 = 628,000", "800 + 800 = 627,000")),
    ("relations_written_over_an_equals_sign",
     "---\nz: scalar\n---\n$$\\sigma(z) =: s$$\n"
     "$$\\frac{ds}{dz} \\overset{(1)}{=} s(1 - s)$$\n", ("s(1 - s)", "s(1 + s)")),
    ("a_zero_vector_written_0",
     "---\nA: spd matrix 3x3\nb: vector 3\n---\n$$x = A^{-1} b$$\n$$A x - b = 0$$\n",
     ("A x - b = 0", "A x + b = 0")),
    ("a_word_as_a_superscript",
     "---\nmu: scalar\nx: vector 4\n---\n$$\\mu^{\\text{new}} = \\frac14 \\sum_{n=1}^{4} x_n$$\n"
     "$$4 \\mu^{\\text{new}} = \\sum_{n=1}^{4} x_n$$\n", ("$$4 \\mu", "$$3 \\mu")),
    ("the_softmax_of_a_matrix_along_its_rows",
     "---\nS: matrix 3x4\n---\n$$P = \\operatorname{softmax}(S)$$\n"
     "$$\\sum_{j=1}^{4} P_{1j} = 1$$\n", ("P_{1j} = 1", "P_{1j} = 2")),
    ("scientific_notation_rounded",
     "$$\\sigma(-7) = 9.1 \\times 10^{-4}$$\n", ("9.1 \\times", "9.3 \\times")),
    ("a_worked_example_with_rounded_numbers",
     "Take $w = 0.5$, $x = 2$, $b = 0.1$ and target $y = 1$.\n\n"
     "Forward: $z = wx + b = 0.5 \\cdot 2 + 0.1 = 1.1$, then $a = \\sigma(z) = \\sigma(1.1) = 0.750$.\n\n"
     "Loss: $L = \\frac{1}{2}(a - y)^2 = \\frac{1}{2}(0.750 - 1)^2 = 0.03125$.\n\n"
     "Backward: $\\frac{\\partial a}{\\partial z} = a(1 - a) = 0.1875$.\n",
     ("a(1 - a) = 0.1875", "a(1 - a) = 0.2875")),
    ("a_definition_restated_at_the_examples_numbers",
     "$$t = 1$$\n$$y = 0.4 \\cdot 0.5 - 0.6$$\n$$L = \\frac12 (y - t)^2$$\n"
     "$$L = \\frac12 (-0.4 - 1)^2 = 0.98$$\n$$\\frac{\\partial L}{\\partial y} = y - t = -1.4$$\n",
     ("= y - t = -1.4", "= y - t = -2.4")),
    ("a_thousands_separator_in_a_fraction",
     "$$\\frac{60{,}000}{128} = 468.75$$\n", ("= 468.75", "= 46.875")),
    ("percentages",
     "$$\\sigma(2) = 88\\%$$\n$$\\frac{87}{100} = 87\\%$$\n", ("= 88\\%", "= 86\\%")),
    ("a_name_set_to_a_function_of_the_table",
     "Let $x$ be a scalar and let $h = \\tanh$.\n\n$$h'(x) = 1 - \\tanh^2(x)$$\n",
     ("1 - \\tanh^2", "1 + \\tanh^2")),
    ("a_name_set_to_a_function_the_text_applies_only_by_that_name",
     "Let $x$ be a scalar and let $h = \\tanh$.\n\n$$h'(x) = 1 - h(x)^2$$\n",
     ("1 - h(x)^2", "1 - h(x)")),
    ("a_name_declared_a_function_and_said_so_in_the_prose",
     "---\nh: tanh\n---\nLet $x$ be a scalar, where $h = \\tanh$.\n\n"
     "$$h'(x) = 1 - h(x)^2$$\n", ("1 - h(x)^2", "1 - h(x)")),
    ("members_given_by_number_summed_by_their_letter",
     "Let $x_1 = 1$ and $x_2 = 3$.\n\n$$\\sum_{t=1}^{2} x_t^2 = 10$$\n", ("= 10", "= 16")),
    ("a_recurrence_through_two_families",
     "Let $w = 0.5$, $x_1 = 1$, $x_2 = -1$ and $h_0 = 0.2$.\n\n"
     "$$a_t = w h_{t-1} + x_t, \\qquad h_t = \\tanh(a_t)$$\n\n"
     "$$h_1 = \\tanh(0.5 \\cdot 0.2 + 1)$$\n\n$$h_2 = \\tanh(w h_1 - 1)$$\n",
     ("h_1 - 1)", "h_1 + 1)")),
    ("a_member_of_a_family_given_for_every_index_is_a_claim",
     "Let $\\beta = 0.9$, $m_0 = 0$, $g_1 = 0.2$ and $g_2 = 0.1$.\n\n"
     "$$m_t = \\beta m_{t-1} + (1-\\beta) g_t, \\qquad \\hat m_t = \\frac{m_t}{1-\\beta^t}$$\n\n"
     "$$m_1 = 0.02, \\qquad m_2 = 0.028$$\n\n"
     "$$\\hat m_2 = \\frac{m_2}{1-\\beta^2}$$\n",
     ("{m_2}{1-\\beta^2}", "{m_2}{1-\\beta}")),
    ("the_givens_of_a_problem_hold_in_every_part_of_it",
     "$$f = a b + 1$$\n\nGiven: $a = 2$ and $b = 3$.\n\n**(a)** The sum.\n\n$$a + b = 5$$\n\n"
     "**(b)** The product.\n\n$$f = 7$$\n", ("f = 7", "f = 8")),
    ("an_assignment_later_in_the_paragraph_is_in_force_only_after_it",
     "$$L = \\frac{1}{3}\\sum_{i=1}^{3} (w x_i - y_i)^2$$\n\n"
     "Take $x = (1, 2, 3)$, $y = (2, 3, 5)$ and $w = 1$.\n"
     "Then $\\sum_i (w x_i - y_i) x_i = -1 - 2 - 6 = -9$ and\n"
     "$$\\frac{\\partial L}{\\partial w} = \\frac{2 \\cdot (-9)}{3}$$\n"
     "so $w \\leftarrow 1 - 0.1 \\cdot (-6) = 1.6$.\n", ("{2 \\cdot (-9)}{3}", "{-9}{3}")),
    ("entries_the_text_gives_leave_only_the_readings_they_allow",
     "Adam's first moment, with $m_0 = 0$:\n\n$$m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t$$\n\n"
     "Unrolled for $t = 2$:\n\n$$m_2 = \\beta_1 (1 - \\beta_1) g_1 + (1 - \\beta_1) g_2$$\n\n"
     "In practice $\\beta_1 = 0.9$ and $\\beta_2 = 0.999$.\n",
     ("\\beta_1 (1 - \\beta_1) g_1", "\\beta_1^2 (1 - \\beta_1) g_1")),
    ("barred_names_are_gradients_once_the_text_says_so",
     "---\nA: matrix 3x4\nV: matrix 4x2\n---\n$$O = A V$$\n\n"
     "Denote upstream gradients with a bar, $\\bar{O} = \\partial L/\\partial O$.\n\n"
     "$$\\bar{V} = A^T \\bar{O}$$\n\n$$\\bar{A} = \\bar{O} V^T$$\n",
     ("A^T \\bar{O}", "\\bar{O}^T A")),
    ("decimal_commas_typeset_in_braces_after_approx",
     "Temos $1 + e^{2} \\approx 8{,}3891$, logo\n"
     "$$\\operatorname{softplus}(2) = \\ln 8{,}3891 \\approx 2{,}1269 .$$\n",
     ("2{,}1269", "2{,}1127")),
    ("arithmetic_of_rounded_decimals_after_approx_continues_the_chain",
     "$$H = -0.5 \\ln 0.5 - 0.5 \\ln 0.5 \\approx 0.3466 + 0.3466 = 0.6931$$\n",
     ("= 0.6931", "= 0.6831")),
    ("a_function_word_in_bold_applied_to_a_list_of_its_entries",
     "$$\\mathbf{Softmax}[1, 0] = [0.7311,\\ 0.2689]$$\n", ("0.7311", "0.6311")),
    ("a_rounded_tuple_with_whole_entries_and_semicolons_after_approx",
     "Let $x = (-0.25, 0, 0.625)$.\n\n$$y = 2 x + 1 \\approx (0.5;\\ 1;\\ 2.25)$$\n",
     ("2.25)", "2.35)")),
    ("approx_then_arithmetic_of_decimals_then_equals",
     "$$\\sigma'(0) \\approx 0.5 \\cdot 0.5 = 0.25$$\n", ("= 0.25", "= 0.35")),
    ("a_box_around_several_equations_checks_each",
     "---\nX: matrix 4x3\nW: matrix 3x2\nG: matrix 4x2\n---\n$$Y = X W$$\n\n"
     "Given $G = \\partial L/\\partial Y$:\n\n"
     "$$\\boxed{\\frac{\\partial L}{\\partial W} = X^\\top G,\\qquad "
     "\\frac{\\partial L}{\\partial X} = G W^\\top}$$\n", ("= G W^\\top", "= G^\\top W")),
    ("a_value_given_with_approx_is_known_to_its_digits",
     "Take $a \\approx 1.4142$.\n\n$$a^2 = 2$$\n", ("a^2 = 2", "a^2 = 2.1")),
    ("each_bullet_a_new_example",
     "Two cases:\n\n- unscaled: $p = \\frac{1}{1 + e^{-8}} \\approx 0.99966$, so "
     "$p(1-p) \\approx 0.000335$;\n- scaled: $p = \\frac{1}{1 + e^{-1}} \\approx 0.7311$, "
     "so $p(1-p) \\approx 0.1966$.\n", ("0.1966", "0.2966")),
    ("a_value_named_at_the_end_of_a_chain",
     "---\nx: vector 3\n---\n$$f = \\log\\sum_j e^{x_j}$$\n"
     "$$\\frac{\\partial f}{\\partial x_i} = \\frac{e^{x_i}}{\\sum_j e^{x_j}} = p_i$$\n"
     "$$\\sum_i p_i = 1$$\n", ("p_i = 1", "p_i = 2")),
    ("definite_integrals_finite_and_infinite",
     "$$\\int_0^1 x^2 \\;dx = \\frac{1}{3}$$\n"
     "$$\\int_{-\\infty}^{\\infty} e^{-x^2/2} \\, dx = \\sqrt{2\\pi}$$\n"
     "Let $b$ be a scalar.\n$$\\frac{d}{db}\\int_0^b t^2 \\, dt = b^2$$\n",
     ("= b^2", "= 2b^2")),
    ("a_value_for_a_name_in_use",
     "$$f(y) = y^2 + 1$$\nFor $y = 2$ this is $f(y) = 5$.\n",
     ("= 5$", "= 4$")),
    # a letter the text multiplies by is a number, so its superscripts elsewhere are powers
    ("a_factor_is_no_layer_letter",
     "$$\\int_0^{x} n y^{n-1} \\; dy = x^n - 0^n = x^n$$\n", None),
    # a function the text never defines, used through its derivative, is any function
    ("an_undefined_function_and_its_prime",
     "$$\\frac{d}{dx} g(x)^2 = 2 g(x) g'(x)$$\n"
     "$$\\frac{d}{dx}\\int_0^x g(y) \\; dy = g(x)$$\n", None),
    # a name defined only far below (x = r cos θ) is a free input where no definition is
    # in force; an integral's bound is a value, not an index letter
    # variance algebra over variables with no law in the math: laws drawn at random
    ("moments_of_variables_with_no_stated_law",
     "Let $w$ and $x$ be independent with zero mean, and $y = \\sum_{j=1}^{n} w_j x_j$.\n\n"
     "$$\\mathrm{Var}(w_j x_j) = \\mathrm{Var}(w_j)\\mathrm{Var}(x_j)$$\n\n"
     "$$\\mathrm{Var}(y) = n \\mathrm{Var}(w_j) \\mathrm{Var}(x_j)$$\n\n"
     "$$\\mathbb{E}[y] = 0$$\n", None),
    # g²(x) and tanh x for functions the text itself defines: squared, applied
    ("powers_and_bare_application_of_the_texts_functions",
     "Let $\\tanh(x) = \\dfrac{e^{x}-e^{-x}}{e^{x}+e^{-x}}$ and $h(x) = x + 1$.\n\n"
     "$$h^2(2) = 9$$\n\n$$\\sigma(2x) = \\frac{1+\\tanh x}{2}$$\n\n"
     "$$\\tanh'(x) = 1 - \\tanh^{2}x$$\n", ("= 9", "= 6")),
    # a name T of the text's, and still W^T a transpose
    ("transpose_beside_a_name_T",
     "$$W = \\begin{bmatrix}1 & 1\\\\ 2 & 1\\\\ 3 & 1\\end{bmatrix},\\quad "
     "T = \\begin{bmatrix}2\\\\3\\\\5\\end{bmatrix},\\quad "
     "W^TT = \\begin{bmatrix}23\\\\10\\end{bmatrix}$$\n", ("}23", "}24")),
    # numbers of several thousands groups beside ambiguous ones; a scale after the math
    ("thousands_groups_and_a_scale_written_after_the_math",
     "MACs: $9{,}408\\cdot 12{,}544 = 118{,}013{,}952\\approx 118.0$ M, and "
     "$941{,}056/2^{20}\\approx 0.90$ MiB.\n", ("118.0$", "119.0$")),
    # scale words come from the prose table, in the text's language
    ("a_scale_word_of_another_language",
     "Es sind $3 \\cdot 10^6 = 3$ Mio. Parameter und $2 \\cdot 10^4 = 2$ 万.\n",
     ("= 2$ 万", "= 3$ 万")),
    # a decimal restating the side before it exactly is that value, not a rounded one
    ("an_exact_restatement_is_not_rounded",
     "$$\\hat y = 0.5\\cdot 0.5 + (-0.3)\\cdot 0.45 + 0.05 = 0.25 - 0.135 + 0.05 = 0.165$$\n",
     ("= 0.165", "= 0.175")),
    # the upstream gradient named by the text: L any loss with that gradient
    ("an_upstream_gradient_given_a_name",
     "---\nx: vector 6\nw: vector 3\ng: vector 4\n---\n"
     "$$y_i = \\sum_{j=1}^{3} w_j x_{i+j-1}, \\qquad i = 1, \\dots, 4.$$\n\n"
     "Given $g_i = \\frac{\\partial L}{\\partial y_i}$,\n\n"
     "$$\\frac{\\partial L}{\\partial w_j} = \\sum_{i=1}^{4} g_i\\, x_{i+j-1}$$\n\n"
     "$$\\frac{\\partial L}{\\partial x_1} = g_1 w_1$$\n", ("g_1 w_1", "g_1 w_2")),
    # ∇_θ before a parenthesis, then more factors: the gradient of the whole product, too
    ("a_gradient_operator_before_a_product",
     "---\nX: matrix 5x3\nY: vector 5\ntheta: vector 3\n---\n"
     "$$\\nabla_\\theta (X\\theta - Y)^T (X\\theta - Y) = 2 X^T (X\\theta - Y)$$\n",
     ("= 2 X^T", "= 3 X^T")),
    # OCR writes a pair without a space: (4,144) may be a pair, not 4.144 or 4144
    ("a_pair_written_without_a_space",
     "$$s_{1}=\\frac{1}{10} \\cdot(4,144)=(0.4,14.4)$$\n", ("(0.4,14.4)", "(0.4,14.5)")),
    # a boxed equation is an equation (here a definition the next step uses)
    ("a_boxed_definition",
     "---\np: probs 3\n---\n$$\\boxed{J = \\operatorname{diag}(p) - p\\,p^\\top}$$\n\n"
     "$$\\sum_{j=1}^{3} J_{1j} = 0$$\n", ("= 0$$", "= 1$$")),
    # b ∈ ℝ^M beside XW (N×M): added to every row, as NumPy adds it, not down the columns
    ("a_bias_as_long_as_a_row_is_added_to_every_row",
     "Let $X \\in \\mathbb{R}^{N\\times D}$, $W \\in \\mathbb{R}^{D\\times M}$, "
     "$b \\in \\mathbb{R}^{M}$, $Y = XW + b$ and $G = \\partial L/\\partial Y$.\n"
     "$$\\frac{\\partial L}{\\partial b_m} = \\sum_{n} G_{nm}$$\n"
     "$$\\frac{\\partial L}{\\partial W} = X^\\top G$$\n", ("= X^\\top G", "= 2 X^\\top G")),
    # an entry A_{ik} inside a sum is a number, not the matrix A
    ("entries_of_a_matrix_in_a_sum",
     "Let $A \\in \\mathbb{R}^{n\\times n}$ and $x \\in \\mathbb{R}^{n}$.\n"
     "$$f(x) = \\sum_{i=1}^{n}\\sum_{j=1}^{n} x_i A_{ij} x_j$$\n"
     "$$\\frac{\\partial f}{\\partial x_k} = \\sum_{j=1}^{n} A_{kj} x_j + \\sum_{i=1}^{n} "
     "x_i A_{ik} = (A x)_k + (A^\\top x)_k$$\n", ("(A^\\top x)_k", "(A x)_k")),
    # a set beside an equation in a display, and at the end of a chain, says what the name is;
    # a step whose shapes clash at the sizes the text names by letters is wrong
    ("sets_beside_an_equation_and_ending_a_chain",
     "$$Y = XW + \\mathbf{1} b^\\top, \\qquad W \\in \\mathbb{R}^{d \\times m},\\ "
     "b \\in \\mathbb{R}^{m}$$\nwith $X \\in \\mathbb{R}^{n\\times d}$ and "
     "$G = \\partial L/\\partial Y \\in \\mathbb{R}^{n\\times m}$.\n"
     "$$\\nabla_W L = X^\\top G$$\n", ("= X^\\top G", "= G^\\top X")),
    # a matrix the text calls orthogonal is drawn orthogonal (±1 when read as a number)
    ("an_orthogonal_matrix",
     "Let $W = Q\\Lambda Q^\\top$ with orthogonal $Q$.\n"
     "$$W^2 = Q \\Lambda^2 Q^\\top$$\n", None),
    # KL(p ‖ q): the bar between the two arguments separates them; of two distributions
    # over the same outcomes, and of two normal laws written out or named
    ("kl_divergence_of_two_distributions",
     "---\nz: vector 3\nu: vector 3\n---\nLet $p = \\operatorname{softmax}(z)$ and "
     "$q = \\operatorname{softmax}(u)$.\n"
     "$$\\mathrm{KL}(p \\,\\|\\, q) = \\sum_{i=1}^{3} p_i \\log p_i - \\sum_{i=1}^{3} p_i "
     "\\log q_i$$\n$$\\frac{\\partial}{\\partial u_j} D_{KL}(p\\|q) = q_j - p_j$$\n",
     ("= q_j - p_j", "= p_j - q_j")),
    ("kl_divergence_of_normal_laws",
     "For $\\sigma > 0$,\n$$\\mathrm{KL}\\big(\\mathcal{N}(\\mu, \\sigma^2) \\,\\|\\, "
     "\\mathcal{N}(0, 1)\\big) = \\frac{1}{2}\\left(\\mu^2 + \\sigma^2 - 1 - \\log "
     "\\sigma^2\\right)$$\nLet $p = \\mathcal{N}(m, s^2)$ and $q = \\mathcal{N}(r, v^2)$.\n"
     "$$D_{KL}(p \\| q) = \\log\\frac{v}{s} + \\frac{s^2 + (m - r)^2}{2v^2} - "
     "\\frac{1}{2}$$\n", ("{2v^2} - \\frac{1}{2}", "{2v^2} - 1")),
    # ∂f/∂x written on one line among other factors: one derivative, then the rest
    ("inline_derivatives_among_factors",
     "---\nz: vector 3\n---\nLet $f(x, y) = x^2 y$ and $L = \\log \\sum_{j=1}^{3} e^{z_j}$.\n"
     "$$\\partial f/\\partial x \\cdot y = 2 x y^2$$\n"
     "$$\\sum_{j=1}^{3} \\partial L/\\partial z_j = 1$$\n", ("= 2 x y^2", "= 3 x y^2")),
    # ∇² f: the Hessian, the Jacobian of the gradient (by f's one variable, or the one written)
    ("the_hessian",
     "---\nA: matrix 3x3\nb: vector 3\n---\nLet $f(x) = \\frac{1}{2} x^\\top A x - b^\\top x$.\n"
     "$$\\nabla^2 f(x) = \\frac{1}{2}(A + A^\\top)$$\n$$\\nabla_x^2 f(x) = \\frac{1}{2}"
     "(A^\\top + A)$$\n", ("(A^\\top + A)$$", "A$$")),
    # a unit after a number in the math (\text{ parameters}, \ \text{bit}) is a remark
    ("units_after_a_number",
     "$$3 \\cdot 3 \\cdot 64 \\cdot 128 + 128 = 73{,}856 \\text{ parameters}$$\n"
     "$$-2 \\cdot \\tfrac{1}{2}\\log_2 \\tfrac{1}{2} = 1\\ \\text{bit}$$\n",
     ("= 1\\ \\text{bit}", "= 2\\ \\text{bit}")),
    ("hyperbolic_secant_and_cotangent",
     "$$\\frac{d}{dx}\\tanh x = \\operatorname{sech}^2 x$$\n"
     "$$\\coth x = \\frac{1}{\\tanh x}$$\n",
     ("\\operatorname{sech}^2 x", "\\operatorname{sech} x")),
    # A_{i,:} the row i, A_{:,j} the column j
    ("rows_and_columns_of_a_matrix",
     "---\nA: matrix 3x4\nx: vector 4\n---\nLet $y = A x$.\n"
     "$$\\frac{\\partial y_2}{\\partial x} = A_{2,:}^\\top$$\n"
     "$$\\sum_{j=1}^{4} A_{:,j} x_j = y$$\n", ("A_{2,:}^\\top", "A_{3,:}^\\top")),
    # cases as OCR writes them (\left\{ \begin{array} … \right.), and n!
    ("cases_written_as_an_array",
     "$$f(x)=\\left\\{\\begin{array}{ll}x, & x>0 \\\\ 0.01 x, & x \\leq 0\\end{array}\\right.$$\n"
     "$$f^{\\prime}(x)=\\left\\{\\begin{array}{ll}1, & \\text { if } x>0 \\\\ 0.01, & "
     "\\text { otherwise }\\end{array}\\right.$$\n", None),
    ("a_factorial",
     "$$\\sum_{n=0}^{3} \\frac{1}{n!} = \\frac{8}{3}$$\n", ("{8}{3}", "{7}{3}")),
    # a step in differentials: each dX a direction, d of what follows its change along it
    ("matrix_differentials",
     "---\nX: matrix 3x3\nA: matrix 3x3\nB: matrix 3x3\n---\n"
     "$$d(X^{-1}) = -X^{-1}\\, dX\\, X^{-1}$$\n"
     "$$d \\det X = \\det X \\operatorname{tr}(X^{-1} dX)$$\n"
     "$$d \\operatorname{tr}(A X B) = \\operatorname{tr}(A\\, dX\\, B)$$\n",
     ("-X^{-1}\\, dX\\, X^{-1}$$", "-X^{-1}\\, dX$$")),
    # math typed without delimiters, in Unicode (a chat post, an OCR'd page)
    ("plain_text_unicode_math",
     "ok so with x = (1, 2) and W₁ = [[0.1, 0.2], [−0.3, 0.1]]:\n\n- z₁ = W₁x = (0.5, −0.1)\n"
     "- ŷ = ½ z₁ᵀz₁ = 0.13\n", ("= 0.13", "= 0.26")),
    ("plain_text_roots_and_thousands",
     "scale 1/√64 = 0.125, and 4 · 262,656 = 1,050,624 parameters\n",
     ("1,050,624", "1,050,642")),
    # a function defined case by case in the prose, applied entry by entry
    ("piecewise_definition_in_prose",
     "LeakyReLU: $f(x) = x$ for $x > 0$ and $f(x) = \\alpha x$ for $x \\le 0$, with "
     "$\\alpha = 0.1$.\n\nAt $x = (-2, 3)$: $f(x) = (-0.2, 3)$\n", ("(-0.2, 3)", "(-2, 3)$")),
    # tuples where the comma is the decimal sign; NumPy's nested lists
    ("a_tuple_with_semicolons",
     "Prenons $w = (0{,}5 ; 0{,}25)$ et $x = (1 ; -2)$ : $w^\\top x = 0$ et "
     "$(0{,}5 - 1)(1 ; -2) = (-0{,}5 ; 1)$.\n", ("(-0{,}5 ; 1)", "(-0{,}5 ; 2)")),
    ("a_matrix_as_nested_lists",
     "Take $W = [[1, 2], [3, 4]]$ and $x = (1, 1)$: then $W x = (3, 7)$.\n",
     ("(3, 7)", "(3, 8)")),
    # values given before a list hold in its items
    ("values_before_a_list",
     "Let $z = w x$.\n\nData: $x = 2$, $w = 3$.\n\n- $z + 1 = 7$\n- $z^2 + z = 42$\n",
     ("= 42", "= 41")),
    # ∇_a C with a^l, a^{l-1} and a^L: by the one C depends on, a^L the last layer
    ("nabla_by_the_last_layer",
     "$$z^l = w^l a^{l-1}, \\quad a^l = \\sigma(z^l), \\quad C = \\frac12 \\|y - a^L\\|^2$$\n"
     "$$\\nabla_a C = a^L - y$$\n", ("a^L - y$$", "y - a^L$$")),
    # a size the text leaves a letter, checked at the example's (x = (1, 2, 3): H = 3)
    ("a_size_an_example_gives",
     "For $x \\in \\mathbb{R}^H$ the mean is $\\mu = \\frac{1}{H}\\sum_{i=1}^{H} x_i$. For "
     "$x = (1, 2, 3)$: $\\sum_{i=1}^{H} x_i = 6 = 2H$.\n", ("= 2H", "= 3H")),
    ("shapes_of_a_batched_product",
     "$(2, 8, 10, 64)\\cdot(2, 8, 64, 10) = (2, 8, 10, 10)$\n",
     ("(2, 8, 10, 10)$", "(2, 8, 64, 64)$")),
    # y one-hot (where, the text does not say): a reading; p, defined, has none
    ("one_hot_only_what_the_text_leaves_open",
     "$p_i = e^{z_i} / \\sum_j e^{z_j}$ and $L = -\\sum_k y_k \\log p_k$, with $y$ one-hot.\n\n"
     "$$\\frac{\\partial L}{\\partial z_i} = \\sum_k y_k(p_i - \\delta_{ki}) = p_i - y_i$$\n",
     ("(p_i - \\delta_{ki}) = p_i - y_i", "(\\delta_{ki} - p_i) = y_i - p_i")),
    ("a_bound_is_a_value_and_a_later_definition_is_not_in_force_yet",
     "$$\\int_x^{x+1} 2y \\; dy = 2x + 1$$\n\nFar below, in another example.\n\n"
     "$$x = r \\cos(\\theta), \\quad q = x^2$$\n", ("= 2x + 1", "= 2x + 2")),
    # a vector of one entry given one number: that entry, the only reading there is
    ("a_vector_of_one_entry_given_a_number",
     "---\nx: vector 1\n---\nAt $x = 2$ the layer gives\n$$3x + 1 = 7$$\n", ("= 7", "= 8")),
    # g = ∂L/∂y = (1, −1, 2): names the upstream gradient, then gives the value it is read at
    ("an_upstream_gradient_named_and_valued_in_one_chain",
     "Let $y = 2x$ with $x \\in \\mathbb{R}^3$, and the upstream gradient $g = "
     "\\frac{\\partial L}{\\partial y} = (1, -1, 2)$. Then\n"
     "$$\\frac{\\partial L}{\\partial x} = 2g = (2, -2, 4)$$\n",
     ("(2, -2, 4)", "(2, -2, 3)")),
    # a class label reached only through the loss's definition: the step is said for each
    ("a_label_reached_through_a_definition_is_read_at_each_value",
     "---\nW: matrix 3x2\nx: vector 2\ny: index 3\n---\nScores $z = Wx$, probabilities "
     "$p = \\mathrm{softmax}(z)$ and the loss $L = -\\log p_y$ of the true class $y$.\n"
     "$$\\frac{\\partial L}{\\partial x} = W^T \\frac{\\partial L}{\\partial z}$$\n",
     ("= W^T", "= 2 W^T")),
    # a^o in o = σ(a^o): as a power, o would be its own definition; o labels a
    ("a_superscript_that_would_make_a_definition_circular_is_a_label",
     "The output gate is $o = \\sigma(a^o)$ with $a^o = 2x$, so\n"
     "$$\\frac{do}{dx} = 2\\, o\\, (1 - o)$$\n", ("= 2\\, o", "= 3\\, o")),
    # Bishop's y_k(x, w), a_k(x, w): the values, written with what they depend on
    ("a_family_written_with_what_it_depends_on",
     "$$y_k(\\mathbf{x}, \\mathbf{w}) = \\frac{\\exp(a_k(\\mathbf{x}, \\mathbf{w}))}"
     "{\\sum_{j=1}^{3} \\exp(a_j(\\mathbf{x}, \\mathbf{w}))}$$\n"
     "$$\\frac{\\partial y_k}{\\partial a_j} = y_k(\\delta_{kj} - y_j)$$\n",
     ("- y_j)$$", "- y_k)$$")),
    # a vector written out with an ellipsis: its first item with 1, its last with 3
    ("a_vector_written_out_with_an_ellipsis",
     "---\nx: vector 3\n---\n$$\\frac{\\partial}{\\partial x} \\sum_{i=1}^{3} \\tanh(x_i) = "
     "(1 - \\tanh^2(x_1), \\dots, 1 - \\tanh^2(x_3))$$\n",
     ("\\tanh(x_i) =", "\\tanh(2 x_i) =")),
    # ≈ ends a chain; the equalities after it are a chain of their own, checked as written
    ("equalities_after_an_approximation",
     "With $\\hat{y} = (0.665, 0.245)$ and $y = (1, 0)$,\n"
     "$$g = \\hat{y} - y \\approx (0.665 - 1,\\ 0.245) = (-0.335,\\ 0.245)$$\n",
     ("(-0.335,", "(-0.435,")),
    # shapes said in words declare the names; a definition no reading of them can form is
    # wrong whatever it names
    ("shapes_said_in_words",
     "Shapes: $X$ is $(3, 5)$ and $W$ has shape $(4, 3)$.\n$$Z = W X$$\n$$Z^T = X^T W^T$$\n",
     ("Z = W X", "Z = W^T X")),
    ("shapes_after_a_colon",
     "with $W^{[1]}: (4, 3)$, $b^{[1]}: (4, 1)$ and $X: (3, 5)$,\n"
     "$$Z^{[1]} = W^{[1]} X + b^{[1]}$$\n$$Z^{[1]T} = X^T W^{[1]T} + b^{[1]T}$$\n",
     ("Z^{[1]} = W^{[1]} X", "Z^{[1]} = X W^{[1]}")),
    # ⊗ for the entrywise product (Parr & Howard), as one reading beside the outer product
    ('otimes_also_entrywise',
     'Let $A \\in \\mathbb{R}^{2 \\times 2}$ and $H = \\sigma(A)$.\n'
     "$$\\sigma'(A) = H \\otimes (1 - H)$$\n",
     ('(1 - H)', '(1 + H)')),
    # the text's d is a size, and the text says it takes differentials: d before a parenthesis
    # is one
    ('a_differential_beside_a_size_d',
     'Let $\\mathbf{x} \\in \\mathbb{R}^d$ '
     'and $\\Sigma \\in \\mathbb{R}^{3 \\times 3}$. Taking the differential of the inverse,\n'
     '$$d(\\Sigma^{-1}) = -\\Sigma^{-1}(d\\Sigma)\\Sigma^{-1}$$\n',
     ('= -\\Sigma', '= \\Sigma')),
    # d before a constant factor is d of all that follows
    ('the_differential_of_a_scaled_trace',
     'Let $W \\in \\mathbb{R}^{3 \\times 2}$.\n'
     '$$d\\,\\tfrac{\\lambda}{2}\\operatorname{tr}(W^T W) = \\lambda \\operatorname{tr}(W^T dW)$$\n',
     ('= \\lambda', '= 2\\lambda')),
    # "… when $n' = n$ and $0$ otherwise": the condition of the claim before it
    ('a_primed_index_in_a_condition_after_the_claim',
     'Let $X \\in \\mathbb{R}^{2 \\times 3}$, $W \\in \\mathbb{R}^{3 \\times 4}$ '
     'and $Y_{n,m} = \\sum_{d=1}^{3} X_{n,d} W_{d,m}$.\n\n'
     "So $\\frac{\\partial Y_{n,m}}{\\partial X_{n',d}} = W_{d,m}$ when $n' = n$ and $0$ "
     'otherwise.\n',
     ('= W_{d,m}$', '= 2W_{d,m}$')),
    # W given numbers after A = XW: a derivative by A is the same whatever W is
    ('numbers_for_an_input_of_the_variable',
     'Forward: $A = XW$ and $H = \\sigma(A)$.\n\n'
     '$$X = \\begin{bmatrix} 1 & -1 \\\\ 2 & 0 \\end{bmatrix}, \\quad '
     'W = \\begin{bmatrix} 1 & 0 \\\\ 1 & 0.5 \\end{bmatrix}, \\quad '
     'G = \\frac{\\partial L}{\\partial H} = \\begin{bmatrix} 1 & -2 \\\\ 0.5 & 1 \\end{bmatrix}.$$\n\n'
     '$$\\frac{\\partial L}{\\partial A} = G \\odot H \\odot (1 - H)$$\n',
     ('G \\odot H', 'G H')),
    # W^{+}, the next iterate: a name decorated with a plus, braced or not
    ('an_iterate_marked_with_a_braced_plus',
     'Let $W \\in \\mathbb{R}^{2 \\times 2}$ and $G \\in \\mathbb{R}^{2 \\times 2}$.\n'
     '$$W^{+} = W - 0.1 G$$\n$$W^{+} + 0.1 G = W$$\n',
     ('+ 0.1 G = W', '+ 0.2 G = W')),
    # a 1×1 bias beside a row of outputs broadcasts as a number, as NumPy does
    ('a_one_by_one_bias_beside_a_row',
     'Let $w \\in \\mathbb{R}^{1 \\times 3}$, $X \\in \\mathbb{R}^{3 \\times 4}$ '
     'and $b \\in \\mathbb{R}^{1 \\times 1}$.\n$$z = w X + b$$\n$$z^T = X^T w^T + b$$\n',
     ('X^T w^T + b', 'X^T w^T - b')),
    # "we write A' for the transpose" (Magnus & Neudecker): every prime on a value is one
    ('primes_for_transposes_as_the_text_says',
     "We write $A'$ for the transpose. "
     'Let $X \\in \\mathbb{R}^{3 \\times 2}$, $W \\in \\mathbb{R}^{2 \\times 2}$ and $Y \\in \\mathbb{R}^{3 \\times 2}$.\n\n'
     "$$\\frac{\\partial}{\\partial W} \\operatorname{tr}\\big((XW - Y)'(XW - Y)\\big) = 2X'(XW - Y)$$\n",
     ("= 2X'(XW - Y)", "= 2X(XW - Y)'")),
]


def _check(text: str):
    report = _checked().get(text)
    return report if report is not None else bp.check_derivation(text, points=3)


def _one(text: str):
    return text, bp.check_derivation(text, points=3)


@functools.lru_cache(maxsize=1)
def _checked() -> dict:
    """Every case, its slip and every text said in words, checked once by a process per core
    (the cases are a large part of the suite's time)."""
    texts = [c[1] for c in CASES] + [c[1].replace(*c[2]) for c in CASES if c[2]] + \
        [c[1] for c in SAID_IN_WORDS]
    with ProcessPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        return dict(pool.map(_one, dict.fromkeys(texts), chunksize=4))


def test_a_chain_whose_last_side_does_not_parse_is_checked_without_a_crash():
    # a definition's candidate target taken from the side after a chance match was None
    # (the side ⟨v_i h_j⟩_model does not parse), and reading it raised AttributeError
    report = _check("Since $\\partial E/\\partial W_{ij} = -v_i h_j$, substituting gives\n\n"
                    "$$\n\\frac{\\partial \\log p(v)}{\\partial W_{ij}} = "
                    "\\mathbb{E}_{p(h\\mid v)}[v_i h_j] - \\mathbb{E}_{p(v',h')}[v'_i h'_j]\n"
                    "= v_i\\,\\sigma\\Big(b_j+\\sum_k v_k W_{kj}\\Big) - "
                    "\\langle v_i h_j\\rangle_{\\text{model}} .\n$$\n")
    assert report.count("fails") == 0, str(report)


@pytest.mark.parametrize("name, text, slip", CASES, ids=[c[0] for c in CASES])
def test_read_as_written(name, text, slip):
    report = _check(text)
    assert report.count("fails") == 0, str(report)
    assert report.count("unreadable") == 0, str(report)
    assert report.count("holds") >= 1, str(report)


@pytest.mark.parametrize("name, text, slip", [c for c in CASES if c[2]],
                         ids=[c[0] for c in CASES if c[2]])
def test_a_slip_in_it_is_found_on_its_line(name, text, slip):
    old, new = slip
    assert text.count(old) == 1, "the slip must name one place"
    wrong = text.replace(old, new)
    line = wrong[:wrong.index(new)].count("\n") + 1 + new[:new.find("=") + 1].count("\n")
    report = _check(wrong)
    first = report.first_failure
    assert first is not None, str(report)
    assert first.line == line, str(report)


# Steps that rest on something said in words or a reading the text leaves open: never a
# failure, always "could not read" with what to write (each is false as the checker would
# otherwise read it).
SAID_IN_WORDS = [
    # -- since the hundred and twenty-eighth corpus --
    ("a constant's letter applied to a name is a function of the text's",
     # log π(a) of a Gaussian policy, beside log 2π: π times a was read, and the line a ✗
     "The policy is $a \\sim \\mathcal N(\\mu, \\sigma^2)$ with $\\mu = \\theta^\\top x$, "
     "$x = (1,\\ 2)$, $\\theta = (0.1,\\ 0.3)$, $\\sigma = 0.5$ and $a = 1$. Then\n\n"
     "$$\\log\\pi(a) = -\\frac{(a - \\theta^\\top x)^2}{2\\sigma^2} - \\log\\sigma - "
     "\\tfrac12\\log 2\\pi .$$\n",
     "is a function the text does not define"),
    ("members the section gives only after the step",
     # 1/β̃_t = α_t/β_t + … at t = 2 with α_1 = 0,9, α_2 = 0,8 given two lines on: α was
     # drawn, and a relation true at the text's α a ✗; read at them, it holds
     "Let $\\tilde\\beta_t = \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\,\\beta_t$, "
     "$\\beta_1 = 0.1$, $\\beta_2 = 0.2$, at $t = 2$. The precisions add:\n\n"
     "$$\\frac{1}{\\tilde\\beta_t} = \\frac{\\alpha_t}{\\beta_t} + "
     "\\frac{1}{1-\\bar\\alpha_{t-1}} .$$\n\n"
     "With $\\alpha_1 = 0.9$, $\\alpha_2 = 0.8$ we have $\\bar\\alpha_1 = 0.9$ and "
     "$\\bar\\alpha_2 = 0.72$.\n",
     "members as the section gives them"),
    ("an entry the text gives beside a matrix drawn whole",
     # Â_{13} = 0 given for a path graph, then Σ_k Â_{1k} Â_{k3} = Â_{12} Â_{23} with Â
     # drawn: the given entry was not Â's, and the step a ✗
     "On the path $1 - 2 - 3$ we have $\\hat A_{13} = 0$, and\n\n"
     "$$(\\hat A^2)_{13} = \\sum_{k} \\hat A_{1k}\\hat A_{k3} = \\hat A_{12}\\,\\hat A_{23} .$$\n",
     "is \\hat{A}_{13} its entry"),
    # -- since the hundred and twenty-fourth corpus --
    ("a vector's zeroth name that may be a member of a chain",
     # z = (1, 0.5) given and a chain's z_0, z_K beside z's entries z_j: counting z's entries
     # from 0 is one reading, not the text's word (the Jacobian's entry was a ✗ at z's 2nd)
     "A flow maps $\\mathbf z\\in\\mathbb R^D$ by $f(\\mathbf z) = \\mathbf z + \\mathbf u\\, "
     "\\tanh(\\mathbf w^\\top \\mathbf z)$, so\n$$\\partial f_i/\\partial z_j = \\delta_{ij} + "
     "u_i\\, (1 - \\tanh^2(\\mathbf w^\\top\\mathbf z))\\, w_j .$$\nFor a chain of flows, "
     "$\\ln q_K(\\mathbf z_K) = \\ln q_0(\\mathbf z_0) - \\sum_k \\ln|J_k|$.\n\n"
     "Data: $\\mathbf z = (1,\\ 0.5)$, $\\mathbf w = (1,\\ -1)$, $\\mathbf u = (0.5,\\ 1)$.\n",
     "z_0 a name of its own"),
    ("a derivative the text worked out under a rule said in words, used after it",
     # ∂y/∂w = x by the straight-through estimator (q = round(w) given as numbers), then the
     # update w − η ∂y/∂w: the derivative the text gives (by the definitions, y does not
     # depend on w, and the update was a ✗ on a correct file)
     "The weights $w = (0.3,\\ -0.7)$ are rounded to $q = (0,\\ -1)$ and the output is $y = q^\\top x$ with $x = (1,\\ 2)$. With the straight-through estimator the rounding passes the gradient unchanged, so\n\n$$\\frac{\\partial y}{\\partial w} = x = (1,\\ 2).$$\n\n## Update\n\n$$w - 0.1\\,\\frac{\\partial y}{\\partial w} = (0.2,\\ -0.9).$$\n",
     "the numbers line 3 gives it"),
    ("a derivative by a matrix's entry whose entries are a family given later",
     # dS_ij of a row softmax, with S_ij = Σ_c Q_ic K_jc written two paragraphs on: S_{ij}
     # is S's entry (i, j), not the member ij of a family of vectors (a ✗ on a correct file)
     "Write $S = QK^\\top$, $P = \\operatorname{softmax}_{\\text{row}}(S)$ and $O = PV$, with $Q, K, V \\in \\mathbb{R}^{n\\times d}$, and let $dX$ denote $\\partial L/\\partial X$. You are given $dO \\in \\mathbb{R}^{n\\times d}$.\n\n**1. Through $O = PV$.**\n\n$$dP_{ij} = \\sum_c dO_{ic}\\, V_{jc} \\;\\Longrightarrow\\; dP = dO\\, V^\\top .$$\n\n**2. Through the row softmax.**\n\n$$dS_{ij} = P_{ij}\\Big(dP_{ij} - \\sum_k P_{ik}\\, dP_{ik}\\Big).$$\n\n**3. Through the scores.** Here $S_{ij} = \\sum_c Q_{ic} K_{jc}$.\n",
     "for any loss"),
    # -- since the hundred and twentieth corpus --
    ("numbers stated after the text left the example that gave the input its value",
     # a = (1, 2, 0) in the worked numbers, then the loss under a new paragraph, then
     # π − γ ≈ (0,1447; …): a drawn where the text gave it numbers, and a ✗ (where the text
     # states π's numbers before, the step holds with them: a defined name as the number
     # an earlier section computed)
     "Niech $\\pi = \\operatorname{softmax}(a)$, $a\\in\\mathbb R^K$. Wyznaczyć $\\pi$ dla "
     "$a = (1,\\ 2,\\ 0)$.\n\n**Liczby.** Dla $a = (1,\\ 2,\\ 0)$ mamy $Z = e + e^2 + 1 = "
     "11{,}1073$.\n\n**Gradient NLL.** Dla $L = -\\log\\sum_k\\pi_k q_k$ z reguły "
     "łańcuchowej\n\nJeżeli $\\gamma = (0{,}1;\\ 0{,}3;\\ 0{,}6)$, to\n"
     "$$\n\\pi - \\gamma \\approx (0{,}1447;\\ 0{,}3652;\\ -0{,}5100).\n$$\n",
     "is this step at a = "),
    # -- since the hundred and sixteenth corpus --
    ("a vector's letter applied to a number where its entries are a function",
     # p_i(T) = e^{z_i/T}/Z(T), p = (0,6652; …) at T = 1, then p(0,5) = …: read as p times
     # 0,5, and a ✗
     "Niech $p_i(T) = e^{z_i/T}/Z(T)$, $Z(T) = \\sum_j e^{z_j/T}$, $z = (2,\\ 1,\\ 0)$. Przy "
     "$T = 1$ mamy\n\n$$p = (0{,}6652;\\ 0{,}2447;\\ 0{,}0900),$$\n\na przy $T = 0{,}5$\n\n"
     "$$p(0{,}5) = (0{,}8668;\\ 0{,}1173;\\ 0{,}0159).$$\n",
     "that function at 0.5"),
    ("a claim about the text's names under a setting its sentence opens with in words",
     # "En un grafo no dirigido $A^⊤ = A$" beside the text's directed A: a ✗
     "Sea $A = \\begin{pmatrix} 0 & 1 \\\\ 0 & 0 \\end{pmatrix}$ la matriz de adyacencia del "
     "grafo dirigido.\n\nEn un grafo no dirigido $A^\\top = A$ y la traspuesta desaparece.\n",
     "the setting the sentence opens with"),
    ("a formula at a free index against a list longer than one, over a set it names",
     # (z_i − 3)/0,7 = (0; −1,4286; −2,8571) for i ∈ S_3 among five logits: i ran over the
     # five, and "the shapes differ" was a ✗
     "Met $T = 0{,}7$ is $z = (3;\\ 2;\\ 1;\\ 0{,}5;\\ -1)$. Dan\n\n"
     "$$\n\\frac{z_i - 3}{0{,}7} = (0;\\ -1{,}4286;\\ -2{,}8571) \\quad\\text{voor } "
     "i \\in S_3,\n$$\n",
     "over which values of i does the list run"),
    ("an operator of the table given a value in a worked example",
     # Var_p(z) = 2,90569 − 2,48129 at T = 1 was a definition of a function Var_p, and the
     # variance at T = 2 (0,5903) a ✗ against it
     "Dla $T = 1$: $\\operatorname{Var}_p(z) = 2{,}90569 - 2{,}48129 = 0{,}42440$.\n\n"
     "Dla $T = 2$ mamy $p = (0{,}5065;\\ 0{,}3072;\\ 0{,}1863)$ i "
     "$\\operatorname{Var}_p(z) = 0{,}5903$.\n",
     "Var"),
    ("a function applied to a thing of its own name",
     # a(x) = min(1, p(x)/q(x)) over the tokens {a, b, c, d}, then a(a) = min(1; 1,6): read as
     # a at a drawn a, and a ✗
     "Let $a(x) = \\min\\!\\left(1, \\frac{p(x)}{q(x)}\\right)$. Over the tokens "
     "$\\{a, b, c, d\\}$ with $p = (0.40;\\ 0.30;\\ 0.20;\\ 0.10)$ and "
     "$q = (0.25;\\ 0.25;\\ 0.35;\\ 0.15)$:\n\n$$a(a) = \\min(1;\\ 1.6) = 1$$\n",
     "applied to something named a"),
    ("a word written before parentheses that the text never defines",
     # p(x_i | z) = Bernoulli(sigmoid(ℓ_i)): "Bernoulli" drawn as a number, firm, and the
     # log-likelihood of a correct file a ✗
     "Let $W \\in \\mathbb{R}^{3\\times 2}$, $z \\in \\mathbb{R}^2$, $c \\in \\mathbb{R}^3$. The "
     "decoder is $p(x_i\\mid z) = \\operatorname{Bernoulli}\\big(\\mathrm{sigmoid}(\\ell_i)\\big)$ "
     "with $\\ell = Wz + c$.\n\nHence $\\log p(x_i\\mid z) = x_i\\ell_i - \\log(1 + e^{\\ell_i})$.\n",
     "what is Bernoulli"),
    # -- since the hundred and twelfth corpus --
    ("a name the text defines only after the step, under the step's sum",
     # Σ_i f_i = Σ_i P_i = 1 beside L = N Σ_i f_i P_i, and P_i = 1/N defined later: P_i drawn
     # as one number for every i, and a ✗ on a correct file
     "$$\\mathcal{L} = N \\sum_{i=1}^{N} f_i P_i, \\qquad \\sum_i f_i = \\sum_i P_i = 1 .$$\n\n"
     "Now take $P_i = 1/N$ for all $i$.\n",
     "that definition comes after this step"),
    # -- since the ninety-sixth corpus --
    ("a sum without limits whose count the text gives in words",
     # Σ_i d_i = 8 with d_i = 2 "each of the four nodes": i counted to a size the checker
     # chose (3), and a ✗; it holds when i runs to 4
     "The cycle graph has nodes $1, 2, 3, 4$, each with exactly two neighbours: $d_i = 2$, "
     "so $\\sum_i d_i = 8$.\n",
     "over which values does i run"),
    ("a matrix never defined beside the entries of its lower-case letter",
     # D̃ drawn as a matrix of its own beside d̃_i = 3: D̃^{−1/2} Ã D̃^{−1/2} = Ã/3 a ✗, where
     # the notes mean D̃ = diag(d̃)
     "Let $A \\in \\mathbb{R}^{4\\times 4}$, $\\tilde A = A + I$ and $\\hat A = "
     "\\tilde D^{-1/2}\\tilde A\\tilde D^{-1/2}$. Every node has $\\tilde d_i = 3$, so\n\n"
     "$$\\hat A = \\tfrac13 \\tilde A$$\n",
     "diagonal matrix"),
    ("a display said of part of the domain in a sentence that writes inline math",
     # "In the interior …, where $|x| < 0.1$, …" then the display: the sentence was cut at the
     # inline relation, its words never reached the display, and a draw outside was a ✗
     "Let $x \\in \\mathbb{R}$. In the interior of the clipping range, where $|x| < 0.1$, "
     "the clip passes its input through:\n\n"
     "$$\\frac{d}{dx}\\operatorname{clip}(x, -0.1, 0.1) = 1$$\n",
     "part of the domain"),
    ("a kink the step writes itself, said in the interior of its range",
     # d clip(x, −0.1, 0.1)/dx = 1 "in the interior of the clipping range": a ✗ at a point
     # drawn outside it, though the sentence says the step of the interior only
     "Let $x \\in \\mathbb{R}$. In the interior of the clipping range the clip passes its "
     "input through:\n\n$$\\frac{d}{dx}\\operatorname{clip}(x, -0.1, 0.1) = 1$$\n",
     "part of the domain"),
    ("a vector whose entries alone are declared in a set of signs",
     # s_i ∈ {−1, +1} made s one such number (as y^{(i)} ∈ {−1, +1} makes a label y), and
     # sᵀWs = ¼(ξᵀs)² a ✗ on a correct Hopfield file; s, written transposed, is a vector
     "We take $N$ neurons with states $s_i \\in \\{-1,+1\\}$ and the pattern "
     "$\\xi = (1,-1,1,-1)^\\top$, with $W = \\tfrac14 \\xi\\xi^\\top$.\n\n"
     "$$s^\\top W s = \\tfrac14 (\\xi^\\top s)^2$$\n",
     "the text transposes it"),
    ("an entry of a vector at an index the text gives no value",
     # y² = (0.7, 0.3), then (…) y²_a = 1.0 · 0.3 with a the alphabet's letter: a ✗ "at
     # a = 1" on a correct file; the step holds at one entry and means that one
     "Over the alphabet $\\{\\_, a\\}$ the outputs are $y^1 = (0.4, 0.6)$ and "
     "$y^2 = (0.7, 0.3)$.\n\n"
     "$$\\alpha = 1.0 \\cdot y^2_a = 1.0 \\cdot 0.3 .$$\n",
     "say which is meant"),
    ("a derivative through a name given numbers, by a variable given numbers",
     # f_t = σ(0.5·0.8) at c_{t−1} = 0.8, then dc_t/dc_{t−1} through f_t: f_t was read as a
     # constant, and the total derivative a ✗ on a correct file
     "Recall $c_t = f_t c_{t-1} + g_t$, where the gate depends on $c_{t-1}$ too.\n\n"
     "Take $c_{t-1} = 0.8$. Then $f_t = \\sigma(0.5\\cdot 0.8) \\approx 0.5987$ and\n"
     "$$\\frac{dc_t}{dc_{t-1}} = f_t + 0.1 .$$\n",
     "its value at the example's point"),
    ("a count named in Turkish, as the power of a determinant",
     # "n gözlem" (n observations): n was drawn as any real number, C (C_ii = 1 said in
     # passing) as a number, and |s C| = s^n |C| a ✗ on a correct file
     "$n$ gözlem için $K = s\\,C$, burada $C$ çekirdek matrisidir ($C_{ii} = 1$); "
     "$|s C| = s^n |C|$ özdeşliğini kullandık.\n",
     "a number of gözlem"),
    # -- since the ninety-fourth corpus --
    ("d a number where the text takes no differentials",
     # (a + bε)(c + dε): every step with a d was "d stands alone" (unreadable)
     "For any numbers $a, b, c$ and $d$ we have $(a+b)(c+d) = ac + ad + bc + bd$.\n",
     "d as a number"),
    ("a relation given as the reason, among names the text defines only later",
     # "omdat x_t − √a x_0 = √(1 − a) ε", x_t defined two lines on: both steps were checked
     # with x_t, x_0 and ε free (a ✗ on a correct file)
     "Uit $q(x_t\\mid x_0)=\\mathcal N\\big(\\sqrt{a}\\,x_0,\\,(1-a)I\\big)$ volgt\n"
     "$$\\nabla_{x_t}\\log q(x_t\\mid x_0)=-\\frac{x_t-\\sqrt{a}\\,x_0}{1-a}"
     "=-\\frac{\\epsilon}{\\sqrt{1-a}},$$\n"
     "omdat $x_t-\\sqrt{a}\\,x_0=\\sqrt{1-a}\\,\\epsilon$.\n\n"
     "Voor $x_t=\\sqrt{a}\\,x_0+\\sqrt{1-a}\\,\\epsilon$ geldt "
     "$\\hat x_0=(x_t-\\sqrt{1-a}\\,\\epsilon)/\\sqrt{a}$.\n",
     "relies on"),
    # -- since the ninety-second corpus --
    ("a name restated in a setting its sentence opens with in words",
     # SQNR = 2^{2b} for a uniform signal, then "for a sinusoid … SQNR = 1.5·2^{2b}": checked
     # against the first definition (a ✗ with the hint to say "let")
     "For a signal uniform on $[-A, A]$ with $\\Delta = 2A/2^b$:\n"
     "$$\\mathrm{SQNR} = \\frac{A^2/3}{\\Delta^2/12} = 2^{2b}.$$\n"
     "\n"
     "That is 6 dB per bit. For a sinusoid of amplitude $A$ the power is $A^2/2$, and we get "
     "$\\mathrm{SQNR} = 1.5\\cdot 2^{2b}$.\n",
     "the setting the sentence opens with"),
    ("an entry summed over its own index is no number of its own",
     # "scalar expert outputs e_1, e_2, e_3", y = Σ_i g_i e_i, then ∂L/∂e_i: e_i was one number
     # in every term of the sum (a ✗ on a correct file)
     "Scalar expert outputs $e_1, e_2, e_3$ and gate weights $g_i = \\mathrm{softmax}"
     "(\\mathbf{h})_i$, $\\mathbf{h} = (h_1, h_2, h_3)$. Output and loss:\n"
     "\n"
     "$$y = \\sum_{i=1}^{3} g_i e_i, \\qquad L = \\tfrac12 (y - t)^2.$$\n"
     "\n"
     "Then $\\partial L/\\partial e_i = (y - t) g_i$.\n",
     "entry of a vector e"),
    # -- since the eighty-ninth corpus --
    ("a sum whose range is read shorter than the members the text gives",
     # d = A𝟏 with A's size guessed (4), and d_1 … d_5 given: Σ_i d_i ran over four of the
     # five members (a ✗)
     "Seja $A\\in\\{0,1\\}^{n\\times n}$ a matriz de adjacência e $\\tilde A = A + I$. O "
     "grau é $d=A\\mathbf 1$:\n"
     "$$d_1=2,\\quad d_2=2,\\quad d_3=3,\\quad d_4=2,\\quad d_5=1 .$$\n"
     "Conferindo: $\\sum_i d_i = 2+2+3+2+1 = 10$.\n"
     "\n"
     "Também $(A^2)_{ii}=\\sum_j A_{ij}A_{ji}$.\n",
     "over which values does"),
    # -- since the eighty-seventh and eighty-eighth corpora --
    ("an earlier definition read through the loss a reading gives",
     # ∂L/∂x_i = (m_i/p) ∂L/∂x̃_i beside "classic dropout (x̃_i = m_i x_i)": x̃ as on line
     # 3 is a reading through the loss L = ⟨G, x̃⟩ as well (read only as the later one, a ✗)
     "Soit $\\mathbf{x}\\in\\mathbb{R}^n$ la sortie d'une couche et $p\\in\\,]0,1]$ la "
     "probabilité de conservation d'un neurone. On tire un masque "
     "$m_i\\sim\\mathcal{B}(p)$ et l'on pose\n"
     "\n"
     "$$\\tilde x_i=\\frac{m_i\\,x_i}{p}.$$\n"
     "\n"
     "**Espérance.** Comme $\\mathbb{E}[m_i]=p$, on a $\\mathbb{E}[\\tilde "
     "x_i]=\\dfrac{p\\,x_i}{p}=x_i$ : la sortie est non biaisée.\n"
     "Avec le dropout « classique » ($\\tilde x_i=m_i x_i$), il faudrait au contraire "
     "multiplier par $p$ au test.\n"
     "\n"
     "Donc $\\dfrac{\\partial L}{\\partial x_i}=\\dfrac{m_i}{p}\\,\\dfrac{\\partial "
     "L}{\\partial\\tilde x_i}$ : on réutilise le même masque.\n",
     "as on line"),
    ("a sum with no index over one number",
     # p = 0,5, 0,5 then −Σ ln p: a sum over one number is no sum the text wrote (a ✗)
     "Acrescente uma frase B com $T_B = 2$ tokens e $p = 0{,}5$, $0{,}5$. Então $-\\sum "
     "\\ln p = 2\\ln 2 \\approx 1{,}3863$.\n",
     "over what does"),
    ("a column broadcast over a matrix only makes sides of two shapes",
     # h_0 = 𝟎 read as the number 0: W h_0 a matrix, u x_1 broadcast over it (a ✗)
     "$$h_t = \\tanh(W h_{t-1} + u\\,x_t), \\qquad h_0 = \\mathbf{0},$$\n"
     "$$W = \\begin{bmatrix} 0{,}5 & -0{,}3 \\\\ 0{,}2 & 0{,}3 \\end{bmatrix}, \\quad u = "
     "\\begin{bmatrix} 1 \\\\ 0{,}3 \\end{bmatrix}, \\quad x_1 = 1.$$\n"
     "\n"
     "- $h_1 = \\tanh(u\\,x_1) \\approx [0{,}7616;\\ 0{,}2913]$\n",
     "broadcast"),
    # -- since the eighty-fifth and eighty-sixth corpora --
    ("a relation the text relies on binds its names",
     # "using α_t(1 − ᾱ_{t−1}) + β_t = 1 − ᾱ_t": α, ᾱ, β drawn apart from it gave a ✗
     "Collecting terms,\n$$\\frac{\\alpha_t}{\\beta_t} + \\frac{1}{1-\\bar\\alpha_{t-1}} = "
     "\\frac{1-\\bar\\alpha_t}{\\beta_t(1-\\bar\\alpha_{t-1})},$$\n"
     "using $\\alpha_t(1-\\bar\\alpha_{t-1}) + \\beta_t = 1-\\bar\\alpha_t$. Hence\n"
     "$$\\tilde\\beta_t = \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\,\\beta_t, \\qquad "
     "\\tilde\\mu_t = \\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - "
     "\\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\,\\epsilon\\Big).$$\n",
     "relies on"),
    ("a name said to be a quantity of another in words",
     # "D̃ is the degree matrix of Ã": said in words, D̃ was drawn as any number (a ✗)
     "$$\\hat A = \\tilde D^{-1/2}\\tilde A\\tilde D^{-1/2}$$\n"
     "where $\\tilde D$ is the degree matrix of $\\tilde A = A + I$ and $A = "
     "\\begin{pmatrix}0&1\\\\1&0\\end{pmatrix}$. Its degrees are $\\tilde d = (2, 2)$, "
     "and $\\tilde D^{-1/2}\\tilde d = \\tilde D^{1/2}\\mathbf 1$.\n",
     "degree matrix"),
    ("a function written bare after its value at a point",
     # ∇²L(0) given, then δᵀ∇²L δ: L bare may be at that point (drawn at any z, a ✗)
     "Let $L(z) = \\ln\\sum_k e^{z_k} - z_1$ with $z \\in \\mathbb R^3$. At the origin, "
     "$\\nabla^2 L(\\mathbf 0) = \\tfrac13 I - \\tfrac19 \\mathbf 1\\mathbf 1^{\\mathsf "
     "T}$.\n"
     "\n"
     "Take $\\delta = (0{,}3;\\ 0;\\ -0{,}3)$. Since $\\delta\\perp\\mathbf 1$, "
     "$\\delta^{\\mathsf T}\\nabla^2L\\,\\delta = \\tfrac13\\|\\delta\\|^2 = 0{,}06$.\n",
     "at the point"),
    ("a value in one case does not reach the next",
     # *Case A*'s x = (2, 1) read in *Case B* (a ✗)
     "Let $g(x) = x_1 + x_2 - 2$ and $f(x) = (x_1-2)^2 + (x_2-1)^2$.\n"
     "\n"
     "*Case A* ($\\mu = 0$). Then $x = (2, 1)$, and $g(2,1) = 1 > 0$: infeasible.\n"
     "\n"
     "*Case B* ($g$ active). With $x_1 + x_2 = 2$ and $x_1 = x_2 + 1$ this gives $x "
     "= (1{,}5;\\ 0{,}5)$.\n",
     "at which x"),
    # -- since the eighty-third and eighty-fourth corpora --
    ("a value at a point the text names is no constant function",
     # Q(s_1, R) = 1.18 is Q at a point; Q(s_2, R) read from it was a ✗
     "Update: $Q(s_1,R) = 1.0 + 0.1 \\times 1.8 = 1.18$. SARSA target: "
     "$y = 1 + 0.9 \\times Q(s_2, R) = 1 + 0.9 \\times (-1.0) = 0.1$.\n",
     "what is Q"),
    ("pi of a condition is a policy",
     # π(stay | 1) = 0.5 was 3.14… = 0.5, a ✗
     "The policy is $\\pi(\\textit{stay}|1)=0.5$, $\\pi(\\textit{stay}|2)=0.8$.\n",
     "what is \\pi"),
    ("log pi beside a policy is the policy's",
     # log π beside π_θ(a | s): the policy's log-likelihood, not log 3.14… (a ✗)
     "A Gaussian policy $\\pi_\\theta(a\\mid s)$ with mean $\\mu = 0{,}5$ and $\\sigma = 0{,}5$. "
     "At $a = 0{,}8$: $\\log\\pi=-0{,}18+0{,}6931-0{,}9189\\approx-0{,}4058$.\n",
     "what is \\pi"),
    ("a name changed for a moment in the prose",
     # "increasing X_11 by ε gives …": the step is at the changed X (read at X, a ✗)
     "$\\mathbf{A} = \\begin{bmatrix}1 & 2\\\\ 3 & 4\\end{bmatrix}$, $\\mathbf{X} = "
     "\\begin{bmatrix}1 & 0\\\\ 2 & 1\\end{bmatrix}$, so $\\operatorname{Tr}(\\mathbf{X}^T"
     "\\mathbf{A}\\mathbf{X}) = 31$.\n\n"
     "Check: increasing $X_{11}$ by $\\varepsilon = 0.01$ gives $\\operatorname{Tr}(\\mathbf{X}^T"
     "\\mathbf{A}\\mathbf{X}) = 31.1201$.\n",
     "changes X for a moment"),
    ("a row of math under a label of its own may define a name anew",
     # \text{LN:} x̂ = (x − μ)/σ, then \text{RMSNorm:} x̂ = x/r: RMSNorm's x̂ (checked against
     # LayerNorm's, it was a ✗)
     "Sei $\\mathbf{x}\\in\\mathbb{R}^{1\\times d}$ ein Zeilenvektor.\n"
     "\n"
     "$$\\text{LN:}\\quad \\hat{\\mathbf x} = \\frac{\\mathbf{x}-\\mu\\mathbf{1}}{\\sigma},"
     "\\qquad \\mu = \\frac1d\\sum_{k=1}^d x_k,\\qquad \\sigma^2 = \\frac1d\\sum_{k=1}^d "
     "(x_k-\\mu)^2,$$\n"
     "\n"
     "$$\\text{RMSNorm:}\\quad \\hat{\\mathbf x} = \\frac{\\mathbf{x}}{r},\\qquad r = "
     "\\sqrt{\\frac1d\\sum_{k=1}^d x_k^2} .$$\n",
     "under the label"),
    ("a label declared in a set is no value of the example",
     # y_i ∈ {−1, +1}, the class of x_2 said in words: y_i f(x_i) = 0.5 in its row rests on
     # which member y_2 is (drawn +1 at every point, it was a ✗)
     "Points $x_i \\in \\mathbb{R}^2$ with labels $y_i \\in \\{-1, +1\\}$, and $f(x) = "
     "w^\\top x + b$. Take $x_1 = (3 ; 2)$ of class $+1$ and $x_2 = (0 ; 1)$ of class $-1$, "
     "at $w = (0{,}5 ; 0{,}5)$, $b = -1$:\n"
     "\n"
     "| $i$ | $f(x_i)$ | $y_i f(x_i)$ |\n"
     "|---|---|---|\n"
     "| 1 | $1{,}5$ | $1{,}5$ |\n"
     "| 2 | $-0{,}5$ | $0{,}5$ |\n",
     "y_{i}"),
    ("a name given anew earlier on the step's own line",
     # H = ln 65 for a new example, a question; PP = e^{ln 65} after it on the same line
     # rested on the first H and was a ✗
     "Probabilities $p_1 = 0.25$, $p_2 = 0.5$, $p_3 = 0.125$, $p_4 = 0.1$ of the $N = 4$ "
     "characters that occur. Natural logarithms throughout.\n"
     "\n"
     "**(a) Average cross-entropy in nats.**\n"
     "\n"
     "$$H = -\\frac{1}{N}\\sum_{i=1}^{N} \\ln p_i = \\tfrac{1}{4}\\,(1.386 + 0.693 + 2.079 + "
     "2.303) = \\tfrac{1}{4}\\cdot 6.461 \\approx 1.615 \\text{ nats}.$$\n"
     "\n"
     "**(b) The same in bits.** Divide by $\\ln 2$: $H_2 = 1.615 / 0.693 \\approx 2.33$ bits.\n"
     "\n"
     "**(c) Perplexity.** The exponentiated average cross-entropy:\n"
     "\n"
     "$$\\mathrm{PP} = e^{H} = 2^{H_2} = \\Big(\\prod_{i=1}^{N} p_i\\Big)^{-1/N} = "
     "(0.0015625)^{-1/4} \\approx 5.030.$$\n"
     "\n"
     "**(d) Uniform baseline.** A model uniform over $V = 65$ characters has "
     "$H = \\ln 65 \\approx 4.1744$ nats for every character, hence "
     "$\\mathrm{PP} = e^{\\ln 65} = 65$. In general, the uniform model's perplexity equals "
     "the vocabulary size.\n",
     "given anew"),
    ("a vector by its use that an example gives one number",
     # y = 1 in the example, y a vector of 3 from a − y with a sized by a misread bias: the
     # shape guessed from use is not firm (it was, and a correct step was a ✗)
     "Rows: $x \\in \\mathbb{R}^{1\\times 2}$, $W_1 \\in \\mathbb{R}^{2\\times 3}$, "
     "$w_2 \\in \\mathbb{R}^{3\\times 1}$.\n"
     "\n"
     "$$z_1 = xW_1 + b_1,\\quad h = \\mathrm{ReLU}(z_1),\\quad z_2 = h\\,w_2 + b_2,\\quad "
     "a = \\sigma(z_2),\\quad L = -\\big[y\\ln a + (1-y)\\ln(1-a)\\big]$$\n"
     "\n"
     "$$\\frac{\\partial L}{\\partial z_2} = a - y,\\qquad \\frac{\\partial L}{\\partial w_2} = "
     "h^\\top\\,\\frac{\\partial L}{\\partial z_2}$$\n"
     "\n"
     "Example: $x = (1,\\ -1)$, $y = 1$, $b_2 = 0.25$.\n",
     "y is a number"),
    ("a statistic named in words",
     # "with mean μ and standard deviation σ": μ and σ are computed from x, not inputs of
     # their own (drawn apart from x, ∂x̂/∂x = I/σ was a ✗)
     "Let $x \\in \\mathbb{R}^n$ with mean $\\mu$ and standard deviation $\\sigma$, and "
     "$\\hat x = (x - \\mu)/\\sigma$. Then\n"
     "\n"
     "$$\\frac{\\partial \\hat x}{\\partial x} = \\frac{1}{\\sigma}\\Big(I - "
     "\\frac{1}{n}\\mathbf{1}\\mathbf{1}^\\top - \\frac{1}{n}\\hat x \\hat x^\\top\\Big).$$\n",
     "mean"),
    ("a statistic named in words, in German",
     "Sei $v \\in \\mathbb{R}^3$ mit Mittelwert $m$; zentriert ist $c = v - m$, also "
     "$\\sum_i c_i = 0$.\n",
     "mittelwert"),
    ("a function declared applied and never defined",
     # r(θ) ∈ ℝ^m: r a function of θ, never r times θ (read so, ½‖r(θ)‖² = ½Σ r_i(θ)²
     # was a ✗)
     "For parameters $\\theta \\in \\mathbb{R}^p$ and residuals $r(\\theta) \\in "
     "\\mathbb{R}^m$ the objective is\n"
     "\n"
     "$$f(\\theta) = \\frac{1}{2}\\lVert r(\\theta) \\rVert^2 = \\frac{1}{2}\\sum_{i=1}^{m} "
     "r_i(\\theta)^2 .$$\n"
     "\n"
     "The Jacobian of the residuals is $J = \\partial r / \\partial \\theta \\in "
     "\\mathbb{R}^{m \\times p}$, that is $J_{ij} = \\partial r_i / \\partial \\theta_j$.\n",
     "what is r"),
    ("a name brought in afresh by the prose after its definition",
     # y_i = σ(z_i) as an example, then "a one-hot $y$": which y the step means is asked
     "An elementwise map $y_i = \\sigma(z_i)$ has a diagonal Jacobian. Softmax is different: "
     "$p_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$.\n"
     "\n"
     "With cross-entropy $L = -\\sum_i y_i \\log p_i$ and a one-hot $y$, the gradient is "
     "$\\frac{\\partial L}{\\partial z} = p - y$.\n",
     "brings in y afresh"),
    ("an operator written with braces and never defined",
     # 𝓡{ab}: an operator applied to ab, or 𝓡 times ab? 𝓡 is asked about
     "The operator $\\mathcal{R}_v\\{g(x)\\} = \\frac{\\partial}{\\partial r} g(x + "
     "rv)\\big|_{r=0}$ obeys the product rule: $\\mathcal{R}\\{ab\\} = \\mathcal{R}\\{a\\}\\,b "
     "+ a\\,\\mathcal{R}\\{b\\}$.\n",
     "what is \\mathcal{R}"),
    # "the original loss L(w)", never defined, and the update's chain a claim: L drawn as a
    # number made ∇L(w) the gradient of L times w, and the correct line 6 a ✗
    ("a loss written applied to its argument and never defined",
     "# Regularização L2 (*weight decay*) e o passo do SGD\n"
     "\n"
     "Na regularização L2 acrescentamos à função de perda original $L(\\mathbf{w})$ uma "
     "penalidade proporcional ao quadrado da norma dos pesos:\n"
     "$$\\tilde L(\\mathbf{w}) = L(\\mathbf{w}) + \\frac{\\lambda}{2} \\|\\mathbf{w}\\|_2^2 = "
     "L(\\mathbf{w}) + \\frac{\\lambda}{2} \\sum_i w_i^2 .$$\n"
     "O fator $\\tfrac{1}{2}$ é escolhido para simplificar a derivada: como $\\partial "
     "(w_i^2) / \\partial w_i = 2 w_i$, obtemos\n"
     "$$\\nabla_{\\mathbf{w}} \\tilde L(\\mathbf{w}) = \\nabla_{\\mathbf{w}} L(\\mathbf{w}) + "
     "\\lambda \\mathbf{w} .$$\n"
     "\n"
     "**O passo do gradiente descendente.** Com taxa de aprendizado $\\eta$, o SGD faz\n"
     "$$\\mathbf{w} \\leftarrow \\mathbf{w} - \\eta \\left( \\nabla_{\\mathbf{w}} L + "
     "\\lambda \\mathbf{w} \\right) = \\mathbf{w} - \\eta \\nabla_{\\mathbf{w}} L - \\eta "
     "\\lambda \\mathbf{w} .$$\n",
     "is L a function"),
    # "for odd k" in words: P_bottom = P − ⌊P/2⌋ = (k − 1)/2 holds at the odd sizes drawn and
    # not at the even ones; it was a ✗ drawn with real k, and would be with whole even k
    ("a rounding that holds for the sizes the words allow",
     "$$P = k - 1, \\qquad P_{\\text{top}} = \\lfloor P/2 \\rfloor, \\qquad "
     "P_{\\text{bottom}} = P - P_{\\text{top}}$$\n\n"
     "Wenn $k$ ungerade ist, gilt $P_{\\text{bottom}} = (k-1)/2$.\n",
     "a rounding"),
    # ŷ^{(i)} = σ(z^{(i)}) defined, then "for a single example" ŷ and z without the index:
    # drawn as two free numbers they made σ(z)(1 − σ(z)) = ŷ(1 − ŷ) a ✗
    ("a name written without the example index its definition has",
     "$$\\hat y^{(i)} = \\sigma\\big(z^{(i)}\\big), \\qquad z^{(i)} = w^\\top x^{(i)} + b$$\n"
     "For a single example, with $\\ell = -[y\\log\\hat y + (1-y)\\log(1-\\hat y)]$,\n\n"
     "using $\\sigma'(z) = \\sigma(z)(1-\\sigma(z)) = \\hat y(1-\\hat y)$ the denominator cancels.\n",
     "defines \\hat{y}^{(i)}"),
    # ℓ defined by z and y, the example gives both: ℓ'(2) is a derivative by z or by y, not
    # the derivative of a number (it was 0, and a correct ℓ'(2) = σ(2) − 1 failed)
    ("a prime of a name whose variables the example gives",
     "$$\\ell = y \\log(1+e^{-z}) + (1-y)\\left(z + \\log(1+e^{-z})\\right)$$\n"
     "Example $z = 2$, $y = 1$: $\\ell'(2) = 0.8808 - 1 = -0.1192$.\n",
     "by which variable"),
    # sizes the text never gives a number, in a claim of a number: the checker's choice of N
    # and K is no ground for a ✗ (an identity for every N is still checked at it)
    ("a count the checker chose",
     "Let $x \\in \\mathbb{R}^N$ and $w \\in \\mathbb{R}^K$, and\n"
     "$$y_i = \\sum_{k=0}^{K-1} w_k\\, x_{i+k}.$$\nSo $y$ has $N - K + 1 = 3$ entries.\n",
     "the checker chose"),
    # a property of L's derivatives against a number, L written nowhere: a loss the text
    # has in mind may have it alone
    ("a property the generic loss lacks",
     "Let $\\mu = \\frac1m\\sum_{i=1}^m x_i$ and $y_i = x_i - \\mu$, and write $g_i = \\partial L/\\partial y_i$ "
     "for the upstream gradient. Then\n$$\\sum_{j=1}^m \\frac{\\partial L}{\\partial x_j} = 1$$\n", "which L?"),
    # members of a sequence given as numbers (the example's values), then a derivative
    # through the sequence: the number, constant, or the member at the example's point?
    ("members given as numbers, then differentiated",
     "Let $h_0 = 0$ and, for $t = 1, 2$,\n$$a_t = w\\,h_{t-1} + u\\,x_t, \\qquad h_t = \\tanh(a_t).$$\n"
     "Data: $w = 0.5$, $u = 1.0$, $x = (1.0, 0.5)$.\n"
     "$$a_1 = 0.5 \\cdot 0 + 1.0 = 1.0, \\qquad h_1 = \\tanh(1.0) = 0.7616$$\n"
     "Since $\\tanh'(a) = 1 - \\tanh^2(a)$, we have $\\partial h_t/\\partial a_t = 1 - h_t^2$.\n",
     "example's point"),
    # x bound by a sum over inputs, then used as a value: drawn as a number, never a ✗'s ground
    ("a name the text never states, read as a number",
     "The cost averages over inputs: $C = \\frac1n\\sum_x c_x$.\n\nFor one input,\n"
     "$$\\frac{d}{dx} x^2 = 2x$$\n", "as a number"),
    ("a name the text never states, on which a step fails",
     "The cost averages over inputs: $C = \\frac1n\\sum_x c_x$.\n\nFor one input,\n"
     "$$\\frac{d}{dx} x^2 = 3x$$\n", "neither declares nor defines"),
    ("a function the sentence names in words, where the text's own had another formula",
     "Softplus is $\\phi(x) = \\ln(1 + e^x)$, with $\\phi'(x) = \\sigma(x)$.\n\n"
     "For the sigmoid itself, $\\phi' = \\sigma(1 - \\sigma)$.\n", "sigmoid the sentence names"),
    ("a name read as a number that the text transposes",
     # x sized by nothing: read as a number, x^T says otherwise; no ✗ may rest on the guess
     "Let $A = \\begin{pmatrix}2 & 1\\\\ 1 & 3\\end{pmatrix}$ and $b = (1, 2)$.\n"
     "$$f(x) = \\frac12 x^T A x - b^T x$$\n$$\\nabla f(x) = A x - b$$\n", "what shape"),
    ("a sequence whose first member the text never gives",
     # the initial state "is zero" said in words: h_0 drawn as any value cannot make it wrong
     "The initial state is zero.\n$$h_t = \\tanh(w h_{t-1} + x_t)$$\n"
     "$$\\frac{\\partial h_1}{\\partial w} = (1 - h_1^2)\\, h_0 = 0$$\n", "h_{0}"),
    ("a hypothesis in words",
     "---\nt: 3\n---\n$$a_t = (1 - b) \\sum_{i=1}^{t} b^{t-i} g_i$$\n"
     "If every gradient were the same $g$, we'd get $a_t = (1 - b^t) g$.\n", "hypothesis"),
    ("a value applied to a group",
     "$$L = (a b + c) f$$\n$$L(a + h) = ((a + h) b + c) f$$\n", "L at a+h"),
    ("an expectation",
     "---\nx: vector 3\n---\n$$\\mathbb{E}[x^T x] = \\mathbb{E}[x]^T \\mathbb{E}[x]$$\n",
     "no law"),
    ("dependence the text does not state",
     "Take $w \\sim \\mathcal{N}(0, 1)$ and $x \\sim \\mathcal{N}(0, 1)$.\n"
     "$$\\mathrm{Var}(w + x) = 1$$\n", "independent"),
    ("a kinked integrand no quadrature is exact for",
     "Take $x \\sim \\mathcal{N}(0, 1)$.\n$$\\mathbb{E}[|x|] = 0.5$$\n", "quadrature"),
    ("a name the text defines after the step that uses it",
     "$$y = a x + c = a x + b$$ with\n$$b = 2 c$$\n", "does this step give b"),
    ("d a name of the text's, given values elsewhere",
     "The span is $s = d(K-1) + 1$, so a kernel with $K = 3$ and $d = 2$ spans $5$ pixels.\n\n"
     "## Receptive field\n\n$$r = 1 + d \\cdot 2 = 3$$\n", "what is d here"),
    ("a name made of pieces in a new paragraph",
     "Clipping $\\mathbf{g} = (3, 4, 12)$ gives $\\|\\mathbf{g}\\|_2 = 13$.\n\n"
     "Over several tensors, $\\mathbf{g}^{(1)} = (1, 2)$ and $\\mathbf{g}^{(2)} = (2)$ "
     "give $\\|\\mathbf{g}\\|_2 = \\sqrt{1 + 4 + 4} = 3$.\n", "made of"),
    ("a quoted string as an argument",
     "$$I(X) = - \\log_2 (p)$$\nThe code \"0010\" has the self-information\n"
     "$$I(\\textrm{\"0010\"}) = - \\log (p(\\textrm{\"0010\"}))$$\n", "quoted string"),
    ("a variance of a sum of independent entries",
     "The $w_i \\sim \\mathcal{N}(0, 1)$ are independent.\n\n"
     "$$\\operatorname{Var}\\left(\\sum_{i=1}^{3} w_i\\right) = 3$$\n", "entry by entry"),
    ("a sum without bounds beside the count the prose names",
     "Over a batch of size $m$: $\\mu = \\frac1m\\sum_i x_i$ and "
     "$\\sigma^2 = \\frac1m\\sum_i (x_i-\\mu)^2$.\n\n"
     "$$\\frac{\\partial \\sigma^2}{\\partial x_j} = \\frac{2}{m}(x_j-\\mu)$$\n",
     "number of terms"),
    ("a value given to an expression of a name never given",
     "Two gradients $g^{(1)} = (3, 4)$ and $g^{(2)} = (12)$ make one vector $g$ with\n"
     "$$\\lVert g\\rVert_2 = 13 .$$\nWith $c = 5$:\n"
     "$$\\min\\Big(1, \\frac{c}{\\lVert g\\rVert_2}\\Big) = \\frac{5}{13}$$\n",
     "gives $\\lVert g\\rVert_2$ a value"),
    ("a function of the same form with other numbers",
     "---\nx: vector 2\n---\nRecall that we used $f(x) = x_1^2 + 2 x_2^2$. We distort this "
     "function further by stretching it out via\n\n$$f(x) = 0.1 x_1^2 + 2 x_2^2.$$\n",
     "new definition of f"),
    ("a shape guessed from use in another section",
     "For matrices, $\\det(x) = x_{11} x_{22} - x_{12} x_{21}$.\n\nFor a number, $f(x) = 3x^4 "
     "- 4x^3 - 12x^2$ has\n$$\\frac{df}{dx} = 12x^3 - 12x^2 - 24x = 12x(x-2)(x+1).$$\n",
     "holds when x is a number"),
    ("a shape guessed from use in another section, typeset bold there",
     "For matrices, $\\det(\\mathbf{x}) = x_{11} x_{22} - x_{12} x_{21}$.\n\nFor a number, "
     "$f(x) = 3x^4 - 4x^3 - 12x^2$ has\n$$\\frac{df}{dx} = 12x^3 - 12x^2 - 24x = "
     "12x(x-2)(x+1).$$\n", "holds when x is a number"),
    ("a value named in passing",
     "$$L = u f$$\n$$\\frac{\\partial L}{\\partial f} = u$$\nThe weight is then $f = -2$ "
     "here.\n\n$$\\frac{\\partial L}{\\partial u} = -2$$\n", "holds at 3 points"),
    ("the identity written with the sigmoid's letter",
     "The activation is the identity, so that $\\sigma(z) = z$, and\n"
     "$$\\sigma(z) + 1 = z + 1$$\n",
     "own \\sigma"),
    ("a loss on one side only",
     "---\nz: vector 3\n---\n$$y = 2 z$$\n$$\\frac{\\partial L}{\\partial z} = 2 "
     "\\frac{\\partial L}{\\partial y} = 2 (y - z)$$\n", "define L"),
    ("a recurrence read by its members",
     "$$a_t = b a_{t-1} + g_t, \\quad a_0 = 0$$\n$$a_2 = b a_1 + g_2 = b g_1 + g_2$$\n",
     "holds at 3 points"),
    ("a sum over a set named in words",
     "---\nt, o: vector 4\nj: index 4\n---\n"
     "$$E = \\frac12 \\sum_{j \\in \\text{out}} (t_j - o_j)^2$$\n"
     "$$\\frac{\\partial E}{\\partial o_j} = 2(o_j - t_j)$$\n", "j ∈ out"),
    ("a bare log in a text that counts bits",
     "The entropy of a fair coin is one bit: $-\\log \\frac12 = 1$.\n", "base 2"),
    ("sigma described in words as another function",
     "---\nz: vector 3\n---\nHere $\\sigma$ is the softmax function.\n"
     "$$\\sum_{i=1}^{3} \\sigma(z)_i = 1$$\n", "σ as the softmax"),
    ("a loss active only where the prose says",
     "---\na, p, n: vector 4\nm: positive\n---\n"
     "$$L = \\max(0, \\|a - p\\|^2 - \\|a - n\\|^2 + m)$$\n"
     "While the loss is active the gradient is\n$$\\frac{\\partial L}{\\partial p} = 2(p - a)$$\n",
     "some points"),
    ("a case of a definition restated",
     "---\nu, v: vector 3\nm: positive\n---\n$$d = \\|u - v\\|$$\n"
     "$$L = \\frac{y}{2} d^2 + \\frac{1 - y}{2}\\max(0, m - d)^2$$\n\n"
     "**Similar** ($y = 1$): $L = \\frac12 \\|u - v\\|^2$.\n\n"
     "**Dissimilar** ($y = 0$), inside the margin:\n"
     "$$\\frac{\\partial L}{\\partial u} = -(m - d)\\frac{u - v}{d}$$\n", "under which condition"),
    ("one name for two results, each cited from another equation",
     "Two schemes:\n$$v' = 2 v \\tag{1}$$\n$$w' = 3 w \\tag{2}$$\n"
     "Eliminating $v$ from (1) gives $\\theta_{t+1} = 2\\theta_t - \\theta_{t-1}$; eliminating "
     "$w$ from (2) gives $\\theta_{t+1} = 3(\\theta_t + \\theta_{t-1})$.\n", "new definition"),
    ("a name the prose calls by a function",
     "---\nx: vector 4\n---\nLet $L = \\log\\sum_{i=1}^{4} e^{x_i}$. Its gradient is the softmax "
     "vector $p$, and\n$$\\frac{\\partial L}{\\partial x_i} = p_i$$\n\n"
     "**Example.** At $x = 0$:\n\n$$p = (1,\\ 1,\\ 1,\\ 1)/4$$\n",
     '"softmax" in words'),
    ("samples of a declared matrix",
     "---\nX: matrix 6x3\nw: vector 3\n---\nwhere $x_i^T$ is the $i$-th row of $X$,\n"
     "$$\\mu_i = \\sigma(w^T x_i)$$\n$$\\frac{d\\mu_i}{dw} = \\mu_i(1 - \\mu_i) x_i$$\n", "X"),
    ("a function applied to a product without parentheses",
     "$$\\frac{d}{dx} \\sin 3x = 3\\cos 3x$$\n", "all the factors after it"),
    ("values given in words as eigenvalues",
     "---\nX: spd matrix 3x3\n---\nOver the eigenvalues, $\\operatorname{tr}(X) = "
     "\\sum_{i=1}^{3} \\lambda_i$ and $\\det X = \\prod_{i=1}^{3} \\lambda_i$.\n",
     "\\lambda"),
    ("a_known_function_the_text_defines_otherwise",
     "---\nz: vector 3\n---\nThe softmax function $\\sigma$ is defined by\n\n"
     "$$\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_{j=1}^{3} e^{z_j}}$$\n\n"
     "$$\\sum_{i=1}^{3} \\sigma(z)_i = 1$$\n", "σ as the softmax"),
    ("a_variance_with_no_stated_law_that_does_not_hold",
     "Let $y = \\sum_{j=1}^{n} w_j x_j$.\n\n"
     "$$\\mathrm{Var}(y) = 2n \\mathrm{Var}(w_j) \\mathrm{Var}(x_j)$$\n", "no law"),
    ("a_derivative_of_a_name_given_in_words",
     "$$\\mathrm{KL} = \\frac{1}{2}\\left(\\mu^2 + \\sigma^2 - \\log\\sigma^2 - 1\\right)$$\n"
     "Call the right side $D$. Then\n\n"
     "$$\\frac{\\partial D}{\\partial \\mu} = \\mu, \\qquad "
     "\\frac{\\partial D}{\\partial \\sigma} = \\sigma - \\frac{1}{\\sigma}$$\n", "D"),
    ("a_consequence_of_a_fact_in_the_same_sentence",
     "---\nz, t: vector 3\n---\n$$p = \\mathrm{softmax}(z)$$\n"
     "The gradient $p - t$ vanishes exactly when $p = t$, i.e. when the logits satisfy\n"
     "$$z_1 - z_2 = \\log \\frac{t_1}{t_2}$$\n", "the case p = t"),
    ("a_kinked_step_said_on_part_of_the_domain",
     "---\na, p: vector 2\n---\n$$L = \\max(0, \\|a - p\\|^2 - 100)$$\n"
     "On the set where the argument of the maximum is positive, $$\\nabla_p L = -2(a - p)$$\n",
     "part of the domain"),
    ("a_size_two_examples_give_differently",
     "For $x \\in \\mathbb{R}^H$, $s = \\sum_{i=1}^{H} x_i$.\n\nFor $x = (1, 2, 3)$: $s = 6 = 2H$.\n\n"
     "For $x = (1, 2)$: $s = 3 = 1.5 H$.\n", "the size H"),
    ("a_loss_differentiated_by_a_variable_of_its_earlier_form",
     "$$\\ell = \\frac{1}{2} s + \\frac{(y - \\mu)^2}{2} e^{-s}$$\n"
     "In the $\\sigma$-parameterisation $\\ell = \\log\\sigma + "
     "\\frac{(y - \\mu)^2}{2\\sigma^2}$, and "
     "$\\frac{\\partial \\ell}{\\partial s} = \\frac{1}{2} - "
     "\\frac{(y - \\mu)^2}{2} e^{-s}$.\n", "which \\ell"),
    ("a_definition_given_for_one_case",
     "LeakyReLU with slope $\\alpha = 0.01$: $f(x) = x$ for $x>0$ and $\\alpha x$ otherwise, "
     "so $f'(-1) = 0.01$.\n", "leaky_relu the sentence names"),
    ("a_parameter_of_a_known_function",
     "ELU with a parameter $\\alpha > 0$: for $x \\le 0$ its slope is "
     "$\\alpha e^x = \\mathrm{ELU}(x) + \\alpha$.\n", "α"),
    # entries numbered in a text that counts from 0: p_1 may be the second entry
    ("a_numbered_entry_where_the_text_counts_from_0",
     "Classes are indexed $k = 0, \\dots, K-1$ and $p = \\mathrm{softmax}(z)$. For "
     "$z = (1000, 0)$,\n$$\\log p_1 = -1000 - \\log(1 + e^{-1000})$$\n", "counts from 0"),
    # δ only ever before names (δo, δa): part of a gradient's name as d is of dW, maybe
    ("a_letter_written_only_before_names",
     "Let $o = \\sigma(a)$. Given the upstream gradient $\\delta o$,\n"
     "$$\\delta a = \\delta o \\, o (1 - o)$$\nand at $o = 0.5$, $$\\delta a = 0.25$$\n",
     "part of the names"),
    # "$dh = $ `dscores` $W_2^\\top = …$": the math goes on across a code span; its second half
    # checked alone was a ✗
    ("a_math_span_that_ends_on_its_relation_goes_on_after_the_words",
     "Backward: $dh = $ `dscores` $W_2^\\top = [0.1464,\\ -0.0732]$ with "
     "$W_2 = \\begin{bmatrix} 0.3 & -0.1 \\\\ 0.2 & 0.4 \\end{bmatrix}$.\n",
     "the expression is empty"),
]



def test_a_sum_s_upper_limit_counts_where_it_is_written_as_a_subscript():
    # Σ_{j=1}^{N} over x, and m_N elsewhere: N counts x's entries, so the safe softmax is read
    # where N is x's length (as an index that may be 1 it was a ✗ at N = 1 with x of 3)
    text = ("For a score vector $x$,\n"
            "$$\\mathrm{softmax}(x)_i = \\frac{e^{x_i - m}}{\\sum_{j=1}^{N} e^{x_j - m}}, "
            "\\qquad m = \\max_j x_j$$\n"
            "\n"
            "We keep $m_j = \\max(m_{j-1}, x_j)$ with $m_0 = -\\infty$, and at the end $m_N = m$.\n"
            "\n"
            "Example: $x = (1, 3, 2)$, so $\\mathrm{softmax}(x)_2 = 1/(e^{-2} + 1 + e^{-1}) = "
            "0.6652$.\n")
    report = bp.check_derivation(text, points=5)
    assert report.steps[0].line == 2 and report.steps[0].status == "holds", report
    assert report.count("fails") == 0, report
    slip = bp.check_derivation(text.replace("= 0.6652", "= 0.6752"), points=5)
    assert slip.first_failure is not None and slip.first_failure.line == 6, slip


@pytest.mark.parametrize("text", [
    "The logits are\n$$\ns_j = 2\\,a_j, \\qquad j = 0, 1, \\dots, K ,\n$$\nwith $a \\in \\mathbb{R}^3$.\n",
    "We have 4 samples ($n = 0, 1, 2, 3$) with $y = (3;\\ 7;\\ 2;\\ 1)$.\n"])
def test_values_listed_for_a_letter_are_its_range_not_its_value(text):
    # "j = 0, 1, …, K" after a display's formula was "defines j" (j the number 0), and the
    # inline "(n = 0, 1, 2, 3)" a value the steps around it were read at
    report = bp.check_derivation(text, points=3)
    listed = [s for s in report.steps if s.left.strip() in ("j", "n")]
    assert listed and all(s.status == "skipped" and "range of values" in s.message
                          for s in listed), str(report)


@pytest.mark.parametrize("words", ["avec égalité si et seulement si",
                                   "с равенством тогда и только тогда, когда"])
def test_an_iff_of_several_words_says_when_a_fact_holds(words):
    # "si et seulement si $μ = 0$ et $σ² = 1$": only "si" was read before the math (the last
    # three words), so σ² = 1 was a value the steps of the next section were read at
    report = bp.check_derivation(f"The divergence is $\\ge 0$, {words} $\\mu=0$ and "
                                 f"$\\sigma^2=1$.\n", points=3)
    assert [s.message for s in report.steps] == \
        ["when a fact of the prose holds, not a claim"] * 2, str(report)


def test_a_law_named_again_is_no_claim():
    # "Posons q = 𝒩(μ, σ²)" after q(z) = 𝒩(z; μ, diag(σ²)): a claim, and 𝒩 "not declared"
    path = Path(__file__).parent / "checker_corpus_hundredfourth" / "02_kl_gaussiennes_fr.md"
    text = "\n".join(path.read_text(encoding="utf-8").splitlines()[:9]) + "\n"
    report = bp.check_derivation(text, points=3)
    named = [s for s in report.steps if s.line == 8 and s.left.startswith("q")]
    assert named and named[0].status == "skipped", str(report)


def test_a_value_given_in_a_list_item_stays_in_its_item():
    # "- t = 2/3: u = π/3" as the last item, then after the list a formula in t: it was read
    # at t = 2/3 only (here a slip, whose counterexample must be a t drawn, not the item's)
    text = ("Let $u := \\pi t/2$ and $s(t) := \\cos u$. Values:\n\n"
            "- $t = \\tfrac13$: $u = \\pi/6$;\n- $t = \\tfrac23$: $u = \\pi/3$.\n\n"
            "In general\n\n$$\\frac{ds}{dt} = -\\frac{\\pi}{3}\\sin u$$\n")
    report = bp.check_derivation(text, points=3)
    slip = [s for s in report.steps if s.line == 8]
    assert slip and slip[0].status == "fails", str(report)
    assert slip[0].counterexample is not None and "0.666667" not in str(report), str(report)


def test_values_listed_for_different_names_reach_past_their_list():
    # "- Probabilités : p = (…)", "- Cible lissée : q = (…)", then ∇ = p − q after the list: a
    # list of values, not of cases, which the display after it is read at (a first version
    # of the rule above stopped them at the list's end, and the step was "at which q?")
    path = Path(__file__).parent / "checker_corpus_twentysixth" / "04_label_smoothing_blog_fr.md"
    report = bp.check_derivation(path, points=3)
    steps = [s for s in report.steps if s.line == 56]
    assert steps and all(s.status == "holds" for s in steps), str(report)


def test_a_value_set_as_a_case_of_a_defined_name_stays_in_its_paragraph():
    # "pro λ = ln 3 je e^{−λ/2} = 1/√3": λ given anew, unread, and every later step on λ
    # (the planted chain-rule slip among them) "what is λ?" to the end of the text
    text = ("Označme $u := \\pi t/2$ a $\\lambda(t) := -2\\ln\\tan u$.\n\n"
            "Kontrola: pro $\\lambda = \\ln 3$ je $e^{-\\lambda/2} = 1/\\sqrt3$.\n\n"
            "Derivace:\n\n$$\\frac{d\\lambda}{dt} = -\\frac{2}{\\sin u\\,\\cos u}$$\n")
    report = bp.check_derivation(text, points=3)
    slip = [s for s in report.steps if s.line == 7]
    assert slip and slip[0].status == "fails", str(report)
    within = [s for s in report.steps if s.line == 3]
    assert within and all(s.status != "fails" for s in within), str(report)


def test_a_case_s_value_governs_the_display_after_its_paragraph():
    # "*Случай 1:* $n = (2; 1,5)$. Тогда" with the display in the next paragraph: the case's
    # value held in its own paragraph only, and ‖a − n‖² = 1 + 0,25 asked "at which n?"
    path = Path(__file__).parent / "checker_corpus_hundredfifth" / "06_triplet_subgradient_ru.md"
    report = bp.check_derivation(path, points=3)
    steps = [s for s in report.steps if s.line in (39, 48)]
    assert steps and all(s.status == "holds" for s in steps), str(report)


@pytest.mark.parametrize("name, line, status", [
    # "327{,}680 bytes = 320 KiB per token": a unit per what it counts was no unit, and the
    # typeset number no number, so the change of unit was arithmetic (327.68 ≠ 320)
    ("11_kv_cache_bytes_en.md", 42, "skipped"),
    # "we take q = …, k = … and $n − m = 2$": the offset a claim at every m and n
    ("01_rope_rotationen_de.md", 51, "skipped"),
    # "for $j > i$ we get $P_{ij} = 0$" defined P_ij = 0 outright, and Σ_j P_ij = 1 was a ✗
    ("05_maskirovannyj_softmax_grad_ru.md", 10, "unreadable")])
def test_the_107th_corpus_s_first_contact_misreadings_are_read(name, line, status):
    path = Path(__file__).parent / "checker_corpus_hundredseventh" / name
    report = bp.check_derivation(path, points=3)
    assert report.first_failure is None or report.first_failure.line > line, str(report)
    assert any(s.line == line and s.status == status for s in report.steps), str(report)


def test_a_text_that_names_the_straight_through_estimator_reads_it_first():
    # the rounding's derivative 0 was the usual reading even where the text says it passes the
    # gradient straight through: a failure under it stood, though no reading of the text's
    text = ("For $y = \\lfloor 3x \\rceil / 3$,\n$$\\frac{\\partial y}{\\partial x} = 1 .$$\n")
    plain = bp.check_derivation(text, points=3)
    said = bp.check_derivation("With the straight-through estimator (STE) the rounding passes "
                               "the gradient unchanged. " + text, points=3)
    assert plain.steps[-1].status == "holds" and "straight through" in plain.steps[-1].message
    assert said.steps[-1].status == "holds" and "straight" not in said.steps[-1].message, \
        str(said)


def test_a_rounding_inside_a_derivative_by_differences_is_a_question():
    # a derivative taken by central differences (a second derivative) sees a rounding's
    # derivative 0 and never the straight-through 1: the question is that one
    text = ("For $y = x\\,\\lfloor 3x \\rceil / 3$ we get\n"
            "$$\\frac{d^2 y}{d x^2} = 2 .$$\n")
    report = bp.check_derivation(text, points=3)
    assert report.steps[-1].status == "unreadable", str(report)
    assert "straight through" in report.steps[-1].question, str(report)


def test_a_step_that_rests_on_an_equation_to_solve_is_a_question():
    # PRML's PCA: "a stationary point when S u₁ = λ₁ u₁", then u₁ᵀ S u₁ = λ₁ — true only where
    # the equation holds, which the points drawn need not satisfy (a ✗ at first contact)
    path = Path(__file__).parent / "checker_corpus_seventyeighth" / "07_pca_max_variance_prml.md"
    report = bp.check_derivation(path, points=3)
    step = [s for s in report.steps if s.line == 26]
    assert step and step[0].status == "unreadable", str(report)
    assert "the equation on line 22" in step[0].question, str(report)

def test_rounding_carried_through_a_definition():
    """E = ½(ŷ − t)² with ŷ = σ(0.1529), 0.1529 a rounded sum: E's value through ŷ moves with
    that rounding, as the written 0.5381 does (the step was a ✗ on a worked example whose
    σ(0.1529) = 0.538150 the writer had as 0.5381 from the unrounded sum)."""
    text = ("The loss is $E = \\tfrac12(\\hat y - t)^2$ with target $t = 1$.\n\n"
            "$$z = 0.5\\cdot 0.5 - 0.3\\cdot 0.6570 + 0.1 = 0.1529, \\qquad "
            "\\hat y = \\sigma(0.1529) = 0.5381$$\n"
            "$$E = \\tfrac12(0.5381 - 1)^2 = 0.1067$$\n")
    report = _check(text)
    assert report.count("fails") == 0, str(report)
    assert [s.status for s in report.steps if s.line == 4] == ["holds", "holds"], str(report)
    wrong = _check(text.replace("= 0.1067", "= 0.1076"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 4, str(wrong)


@pytest.mark.parametrize("name, text, words", SAID_IN_WORDS, ids=[c[0] for c in SAID_IN_WORDS])
def test_what_rests_on_words_is_unreadable_not_wrong(name, text, words):
    """Never wrong: a step resting on words is unreadable with the question naming them, or
    holds under the reading the words give, which the report names."""
    report = _check(text)
    assert report.count("fails") == 0, str(report)
    assert any(s.status == "unreadable" and words in s.message + " " + s.question or
               s.status == "holds" and words in s.message + "; ".join(s.reading)
               for s in report.steps), str(report)


def test_a_step_whose_readings_run_out_of_time_is_unreadable_not_wrong(monkeypatch):
    """Every reading of a step shares one budget: when it runs out with readings left to try,
    the step is unreadable (the untried reading may be the text's), never a ✗."""
    from backprop.verify.derivation import judge

    text = "---\nx: scalar\n---\n$$\\frac{d}{dx} x^3 = 2x^2$$\n"
    assert bp.check_derivation(text, points=3).count("fails") == 1
    monkeypatch.setattr(judge, "STEP_BUDGET", 0.0)
    report = bp.check_derivation(text, points=3)
    assert report.count("fails") == 0, str(report)
    assert any("not every reading" in s.message for s in report.steps), str(report)


@pytest.mark.parametrize("size", ["F'", "F''", "F^{\\prime}", "d_{1}'"])
def test_a_size_written_with_a_prime_is_read_in_a_set(size):
    """W ∈ ℝ^{F×F'} (a GCN layer's output features): the set is read, its sizes unified like
    any letter's (it was "a set the checker does not read")."""
    text = ("Let $H \\in \\mathbb{R}^{N\\times F}$ and $W \\in \\mathbb{R}^{F\\times " + size +
            "}$, $Z = HW$.\n\n$$\\frac{\\partial L}{\\partial W} = H^\\top \\frac{\\partial L}"
            "{\\partial Z}$$\n")
    report = _check(text)
    said = [s.message for s in report.steps if s.status == "skipped"]
    assert said == ["says what the names are"] * 2, str(report)
    assert report.count("holds") == 1, str(report)


@pytest.mark.parametrize("opens, otherwise", [
    ("si ", "sinon"), ("falls ", "sonst,"), ("si ", "en otro caso"), ("если ", "иначе"),
    ("se ", "altrimenti"), ("jeśli ", "w przeciwnym razie"), ("当", "否则")])
def test_a_case_opens_with_its_word_in_any_language(opens, otherwise):
    """\\text{si } x > 0 … \\text{sinon}: the words of a case's condition, from the cue table's
    rows in every language, never names read as numbers."""
    text = ("$$f(x) = \\begin{cases} x^2, & \\text{" + opens + "} x > 0,\\\\ 0, & \\text{" +
            otherwise + "}\\end{cases}$$\n\n$f(3) = 9$, $f(-2) = 0$.\n")
    report = _check(text)
    assert not report.assumed, str(report)
    assert report.count("holds") == 2, str(report)
    wrong = _check(text.replace("f(-2) = 0", "f(-2) = 4"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 3, str(wrong)


@pytest.mark.parametrize("text, says", [
    ("---\nf: vector 3\n---\nA common choice is $\\log C = -\\max_j f_j$.\n", "chooses"),
    ("---\nf: vector 3\n---\nUn choix courant est $\\log C = -\\max_j f_j$.\n", "chooses"),
    ("---\nw, g: vector 3\n---\n$$w_{k+1} = w_k - 0.1 g$$\n", "iteration"),
    ("---\nw: vector 3\n---\n$$L = w^T w$$\n$$\\nabla_w L \\stackrel{!}{=} 0$$\n",
     "equation to solve"),
    ("---\nz: vector 4\n---\nLe logit optimal vérifierait $z_1 - z_2 = \\log 37$.\n",
     "equation to solve"),
    ("---\nX: matrix 4x3\nw: vector 3\ny: vector 4\n---\nPrzyrównując gradient do zera "
     "otrzymujemy równania normalne $X^TXw = X^Ty$.\n", "equation to solve"),
    # the condition for two things to coincide, where a rate is least (rows of the cue table)
    ("Gradient descent run for $\\tau$ steps shrinks an eigen-direction by $(1-\\epsilon"
     "\\lambda)^\\tau$, ridge by $\\frac{\\alpha}{\\lambda+\\alpha}$. So the two coincide if, "
     "for every eigen-direction,\n$$(1-\\epsilon\\lambda)^\\tau = \\frac{\\alpha}{\\lambda+"
     "\\alpha}.$$\n", "equation to solve"),
    ("Für das Gradientenverfahren auf einer quadratischen Funktion ist die Konvergenzrate "
     "der größere der beiden Beträge $|1-\\eta a|$ und $|1-\\eta b|$; sie wird minimal, wo "
     "beide Äste gleich sind, $1-\\eta a = \\eta b-1$.\n", "equation to solve"),
    # roots named in words ("根は", "die Nullstellen"): the equations they solve
    ("二部グラフのとき、特性多項式の残りの根は $(1-\\lambda)^2 = 1$ を満たす。\n",
     "equation to solve"),
    ("Für die Nullstellen gilt $x^2 - 3x + 2 = 0$.\n", "equation to solve"),
])
def test_choices_iterations_and_equations_to_solve_are_not_claims(text, says):
    report = _check(text)
    step = report.steps[-1]            # after any definition the text makes first
    assert step.status == "skipped" and says in step.message, str(report)
    assert all(s.status in ("definition", "skipped") for s in report.steps), str(report)


def test_where_a_minimum_is_is_an_equation_to_solve():
    """"The minimum of f is where 1 + x(1 − σ(x)) = 0" after a worked example at x = 1 says
    where the minimum is (a row of the cue table, in six languages): not a claim at that x;
    "the maximum is σ'(0) = 0.25" is still a claim."""
    report = _check("Let $f(x) = x\\sigma(x)$. At $x = 1$: $f(x) = 0.7311$.\nThe minimum of f "
                    "is where $1 + x(1 - \\sigma(x)) = 0$, numerically $x \\approx -1.278$.\n")
    assert report.count("fails") == 0, str(report)
    step = next(s for s in report.steps if s.line == 2)
    assert step.status == "skipped" and "equation to solve" in step.message, str(report)
    value = _check("The derivative of the sigmoid is $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$, "
                   "and the maximum is $\\sigma'(0) = 0.25$.\n")
    assert [s.status for s in value.steps if s.right == "0.25"] == ["holds"], str(value)


def test_digits_cut_rather_than_rounded_are_not_called_wrong():
    report = _check("$$\\sigma(2) = 0.880$$\n$$\\sigma(2) = 0.879$$\n")
    assert [s.status for s in report.steps] == ["unreadable", "fails"], str(report)
    assert "cut, not rounded" in report.steps[0].message


def test_messages_name_what_was_written():
    """No internal names or exception classes in what a learner reads."""
    texts = ["$$\\frac{\\lfloor x \\rfloor}{2}_{F} = 1$$\n",
             "---\nx: vector 3\n---\n$$\\log(\\{x\\}) = 1$$\n",
             "$$\\sum_{k=1}^{10^{12}} k = 1$$\n",
             "$$a = b + 1$$\n$$c = a$$\n",
             "---\nx: vector 3\n---\n$$x_7 = 1$$\n"]
    for text in texts:
        report = _check(text)
        for s in report.steps:
            for word in ("Apply", "Frac", "Error", "Script", "Product", "Tensor", "ndarray",
                         "dtype", "Traceback"):
                assert word not in s.message, (text, s.message)


def test_an_undeclared_name_is_unreadable_not_guessed():
    report = _check("$$\\frac{\\partial E}{\\partial w} = x$$\n")
    (step,) = report.steps
    assert step.status == "unreadable"
    assert "E is not declared or defined" in step.message
    report = _check("$$\\hat y = a = \\sigma(z)$$\n$$a = \\sigma(z) + 0$$\n")
    assert report.ok and report.count("holds") == 1


def test_phi_is_the_normal_distribution_function_only_where_the_text_says_so():
    gelu = ("$$g(x) = x P(X \\le x) = x\\Phi(x)$$\n"
            "$$\\frac{d}{dx} g(x) = \\Phi(x) + \\frac{x}{\\sqrt{2\\pi}} e^{-x^2/2}$$\n")
    report = _check("With $X \\sim \\mathcal{N}(0, 1)$:\n" + gelu)
    statuses = [(s.line, s.status) for s in report.steps]
    # g is defined by the link after the probability, which itself is not read
    assert statuses == [(2, "definition"), (2, "unreadable"), (3, "holds")], str(report)
    assert "what is P?" in report.steps[1].message
    assert any("standard normal distribution function" in a for a in report.assumed)
    wrong = _check("With $X \\sim \\mathcal{N}(0, 1)$:\n" + gelu.replace("+ \\frac", "- \\frac"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 3, str(wrong)
    silent = _check(gelu)               # nothing says what Φ is
    assert silent.count("fails") == 0 and silent.count("holds") == 0, str(silent)
    assert "what is \\Phi?" in silent.steps[-1].question, str(silent)


def test_d_names_are_gradients_once_the_text_says_so():
    text = ("---\nQ, K: matrix 4x3\nV: matrix 4x2\n---\n"
            "$$S = Q K^T, \\quad P = \\mathrm{softmax}(S), \\quad O = P V$$\n"
            "Let $dO = \\partial L / \\partial O$ be the gradient from above.\n"
            "$$dV = P^T dO$$\n"
            "$$dP = dO\\, V^T$$\n")
    report = _check(text)
    assert [(s.line, s.status) for s in report.steps if s.line >= 7] == [
        (7, "holds"), (8, "holds")], str(report)
    wrong = _check(text.replace("dO\\, V^T", "V^T dO"))    # 2×2, not P's 4×4
    assert wrong.first_failure is not None and wrong.first_failure.line == 8, str(wrong)
    wrong = _check(text.replace("P^T dO", "P dO"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 7, str(wrong)
    # without the text's dO = ∂L/∂O, dV = … defines a name of its own, checked against nothing
    plain = _check(text.replace("Let $dO = \\partial L / \\partial O$ be the gradient from "
                                "above.\n", "").replace("P^T dO", "P dO"))
    assert plain.count("fails") == 0 and plain.count("holds") == 0, str(plain)


def test_inferred_kinds_are_listed():
    report = _check("---\nW: matrix 3x4\n---\n$$z = Wx + b$$\n$$\\frac{\\partial}{\\partial b}"
                    " \\mathbf{1}^T z = \\mathbf{1}$$\n")
    assert "x is a vector of 4" in report.assumed
    assert "b is a vector of 3" in report.assumed
    assert report.to_dict()["summary"]["assumed"] == report.assumed
    assert "assumed: b is a vector of 3, x is a vector of 4" in str(report)


def test_a_conclusion_after_an_implication_is_not_in_force_before_it():
    """``… ⟹ a = √(6/n)`` concludes a value of a from the step before it: the variance above
    it is about the free a of the law, so a slip there is found on its own line (were a the
    conclusion's, the step would wait for n)."""
    text = ("Let $w \\sim \\mathcal{U}(-a, a)$. Its variance is\n"
            "$$\\mathrm{Var}(w) = \\frac{a^2}{12}$$\n"
            "and equating, $$\\frac{a^2}{12} = \\frac{2}{n} \\quad\\Longrightarrow\\quad "
            "a = \\sqrt{24/n}.$$\n")
    report = _check(text)
    assert report.first_failure is not None and report.first_failure.line == 2, str(report)


def test_a_jacobian_named_by_a_definition_is_not_an_upstream_gradient():
    """``J = ∂s/∂z`` with s_i(z) defined: J is s's Jacobian, not the gradient of a loss
    written out nowhere (read so, J was drawn at random and J𝟏 = 0 failed)."""
    report = _check("---\nz: vector 3\n---\n"
                    "$$s_i(z) = \\frac{e^{z_i}}{\\sum_{k=1}^{3} e^{z_k}}$$\n"
                    "The Jacobian $J = \\partial s / \\partial z$ satisfies\n"
                    "$$J \\mathbf{1} = 0$$\n")
    assert report.count("fails") == 0, str(report)
    assert not any("upstream" in s.message for s in report.steps), str(report)


def test_shapes_composed_by_a_product_are_checked_as_shapes():
    """``(N×M)(M×D) = N×D`` is a statement about shapes: the inner sizes meet and the outer
    remain (read as numbers, N·M·M·D ≠ N·D failed a correct step)."""
    report = _check("$$(N\\times M)(M\\times D) = N\\times D$$\n$$(n, m)(m, k) = (n, k)$$\n")
    assert report.count("holds") == 2 and report.count("fails") == 0, str(report)
    wrong = _check("$$(N\\times M)(D\\times M) = N\\times D$$\n")
    assert wrong.first_failure is not None and "compose" in wrong.first_failure.message, \
        str(wrong)
    wrong = _check("$$(N\\times M)(M\\times D) = N\\times M$$\n")
    assert wrong.first_failure is not None and "N×D" in wrong.first_failure.message, str(wrong)


_ATTENTION = ("**Problem.** Let $Q, K\\in\\mathbb{R}^{n\\times d}$, $V\\in\\mathbb{R}^{n\\times d_v}$ "
              "and $O = \\operatorname{softmax}(QK^\\top/\\sqrt d)\\,V$. Given "
              "$\\bar O = \\partial L/\\partial O$, find $\\partial L/\\partial P$.\n\n"
              "**Solution.** Name $S = QK^\\top/\\sqrt d$ and $P = \\operatorname{softmax}(S)$ "
              "(the attention weights), so $O = PV$, i.e. $O_{ik} = \\sum_j P_{ij}V_{jk}$.\n"
              "$$\\frac{\\partial L}{\\partial V} = P^\\top \\bar O$$\n"
              "$$\\frac{\\partial L}{\\partial P} = \\bar O\\, V^\\top$$\n")


def test_a_size_named_by_a_letter_is_a_number_in_a_product():
    """Q, K ∈ ℝ^{n×d}, then S = QKᵀ/√d: d is a size, a number, so S is n×n and G = ∂L/∂S has
    its shape (with √d of no known shape, G was read as a number, and a missing transpose in
    ∂L/∂Q = GK/√d could not show)."""
    text = ("Let $Q, K \\in \\mathbb{R}^{n\\times d}$ and $S = QK^\\top/\\sqrt d$. Given "
            "$G = \\partial L/\\partial S$,\n"
            "$$\\frac{\\partial L}{\\partial Q} = \\frac{1}{\\sqrt d} G K$$\n")
    report = _check(text)
    assert report.count("holds") == 1 and report.count("fails") == 0, str(report)
    assert "G is a 4×4 matrix" in report.assumed, str(report)
    wrong = _check(text.replace("G K$$", "G^\\top K$$"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 2, str(wrong)


def test_a_derivative_depends_on_a_name_as_its_definitions_are_evaluated():
    """O given again under another heading ("so $O = PV$") is read as O anew: the loss named
    by ∂L/∂O is still of the first O, which P does not enter. Whether L depends on P is read
    as L is evaluated — each definition where it was written — so ∂L/∂P = ŌVᵀ is a question,
    never a failure on a derivative taken as zero."""
    report = _check(_ATTENTION)
    assert report.first_failure is None, str(report)
    step = next(s for s in report.steps if s.line == 5)
    assert step.status == "unreadable" and "does not depend on P" in step.message, str(report)


def test_a_function_written_bare_is_taken_at_its_argument_where_it_is_used():
    """FL(p_t) = … defined while p_t = p, then p_t = σ(z): dFL/dz is FL at the p_t in force
    where the derivative is written, as both the derivative and the dependence on z read it
    (FL's body read where it was written kept p_t = p, and a correct step failed on 0)."""
    text = ("Write $p_t$ for the probability of the true class ($p_t = p$ if the label is "
            "positive). Then\n$$\\mathrm{FL}(p_t) = -(1 - p_t)^2 \\log p_t .$$\n"
            "For a positive example $p_t = \\sigma(z)$, so\n"
            "$$\\frac{d\\,\\mathrm{FL}}{d z} = \\left[2 (1 - p_t) \\log p_t - "
            "\\frac{(1 - p_t)^2}{p_t}\\right] p_t (1 - p_t)$$\n")
    report = _check(text)
    assert report.count("holds") == 1 and report.count("fails") == 0, str(report)
    wrong = _check(text.replace("\\left[2 (1", "\\left[-2 (1"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 4, str(wrong)


def test_a_derivative_by_a_named_part_reads_the_definition_through_it():
    """p = softmax(z/T) and u = z/T: ∂p_i/∂u_k is p read through u, p = softmax(u)
    (the text named a part of p's definition; without this it was a question, "how does p
    depend on u?"). Where p depends on z also outside z/T, ∂/∂u is ambiguous: a question."""
    text = ("---\nz: vector 3\n---\nLet $p = \\mathrm{softmax}(z/T)$ and "
            "$u = z/T$.\n$$\\frac{\\partial p_i}{\\partial u_k} = p_i(\\delta_{ik} - p_k)$$\n")
    report = _check(text)
    assert report.count("holds") == 1 and report.count("fails") == 0, str(report)
    wrong = _check(text.replace("- p_k)", "+ p_k)"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 5, str(wrong)
    outside = _check(text.replace("\\mathrm{softmax}(z/T)$", "z \\odot \\mathrm{softmax}(z/T)$")
                     .replace("p_i(\\delta_{ik} - p_k)", "z_i p_i(\\delta_{ik} - p_k)"))
    assert outside.count("fails") == 0 and outside.count("unreadable") == 1, str(outside)


def test_a_value_given_in_a_list_item_reaches_the_items_nested_in_it():
    """"- step 1, $g_1 = 0.2$:" then, one level in, "- $v_1 = 0.001 · 0.04 = 0.00004$": the
    nested item is read at the value its parent item gives (an entry g_1 of the family g_t
    the recurrence uses); a sibling item is not. (The thirteenth corpus's Adam notes, up to
    their first step.)"""
    path = Path(__file__).parent / "checker_corpus_thirteenth" / "16_adam_bias_correction.md"
    text = "\n".join(path.read_text(encoding="utf-8").split("\n")[:13]) + "\n"
    assert text.endswith("  - $m_1 = 0.1 \\cdot 0.2 = 0.02$, $v_1 = 0.001 \\cdot 0.04 = 0.00004$\n")
    statuses = {s.status for s in _check(text).steps if s.left.startswith("v_1")}
    assert statuses == {"holds"}, str(_check(text))
    apart = text.replace("  - $m_1", "- $m_1")
    statuses = {s.status for s in _check(apart).steps if s.left.startswith("v_1")}
    assert statuses == {"unreadable"}, str(_check(apart))


def _opening(name: str, lines: int) -> str:
    path = Path(__file__).parent / "checker_corpus_twentyfifth" / name
    return "\n".join(path.read_text(encoding="utf-8").split("\n")[:lines]) + "\n"


def test_names_set_anew_together_are_an_example_s_setting():
    """"Base layer: $C_{in} = 64$, $C_{out} = 128$", then in a later example
    "$C_{in} = C_{out} = 128$": both names set to 128, never a claim that 64 = 128 (the
    twenty-fifth corpus's group convolutions, up to that example)."""
    report = _check(_opening("11_group_conv_study_group.md", 22))
    assert report.count("fails") == 0, str(report)
    assert [s.status for s in report.steps if s.line == 21][-1] == "holds", str(report)


def test_a_step_under_an_assumption_of_the_prose_is_a_question():
    """"assuming the logits average to zero ($\\sum_j z_j = 0$)", then a display that uses
    it: checked at any z it fails, so it is a question naming the assumption (the
    twenty-fifth corpus's distillation homework, up to its high-temperature limit)."""
    report = _check(_opening("15_jisik_jeungnyu_gwaje.md", 47))
    assert report.count("fails") == 0, str(report)
    (step,) = [s for s in report.steps if s.line == 46]
    assert step.status == "unreadable" and "assumption" in step.message, str(report)


def test_values_under_a_heading_of_givens_reach_every_later_heading():
    """"## Setup" gives β₂ and the gradients; "## Step 2", two headings on, is read at them
    (it was "at which β is this value meant?"), so a slip in its arithmetic is found (the
    twenty-sixth corpus's Adam notebook, up to its second step's v₂)."""
    path = Path(__file__).parent / "checker_corpus_twentysixth" / "09_adam_bias_correction_notebook.md"
    text = "\n".join(path.read_text(encoding="utf-8").split("\n")[:43]) + "\n"
    assert text.endswith("0.001 \\times 0.09 = 0.00024984$\n"), text[-80:]
    report = _check(text)
    assert [s.status for s in report.steps if s.line == 43] == ["holds", "holds"], str(report)
    wrong = _check(text.replace("0.001 \\times 0.09 = 0.00024984", "0.001 \\times 0.9 = 0.00105984"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 43, str(wrong)


def test_an_entry_described_after_the_whole_is_defined_is_a_claim_about_it():
    """"z = Wᵀh + b, where z_i = log P̃(y = i | x)" (Goodfellow's softmax units, as the
    thirty-fourth corpus writes them): Wᵀh with a capital W is a matrix times a column, z's
    entries are the ones its definition gives, and the words' z_i is a claim about them the
    checker cannot read (P̃ is named nowhere), not a new name z_i; the softmax after it is
    checked against z's definition, and a slip in it is found."""
    text = ("A linear layer predicts $$z = W^\\top h + b,$$\n"
            "where $z_i = \\log \\tilde{P}(y = i \\mid x)$. The softmax is\n"
            "$$\\mathrm{softmax}(z)_i = \\frac{\\exp(z_i)}{\\sum_j \\exp(z_j)}.$$\n")
    report = _check(text)
    steps = [s for s in report.steps if s.status in ("holds", "fails", "unreadable")]
    assert [s.status for s in steps] == ["unreadable", "holds"], str(report)
    assert "\\tilde{P}" in steps[0].question, str(report)
    wrong = _check(text.replace("\\exp(z_i)}", "\\exp(-z_i)}"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 3, str(wrong)


def test_a_definition_later_on_the_same_line_is_not_in_force_before_it():
    """CS231n's gates in one sentence: "f(x) = 1/x with df/dx = −1/x², …, f(x) = eˣ with
    df/dx = eˣ" after f(w, x) was defined: the df/dx right after 1/x is not read with the
    f(x) = eˣ written later on the same line (it was a ✗ on a correct step, the thirty-seventh
    corpus' first contact); which f it means is a question, never a failure."""
    text = ("Consider $$f(w, x) = \\frac{1}{1 + e^{-(w_0 x_0 + w_1 x_1 + w_2)}}.$$\n"
            "Written out it uses the gates $f(x) = 1/x$ with $\\frac{df}{dx} = -1/x^2$, "
            "$f_c(x) = c + x$ with $\\frac{df}{dx} = 1$, and $f(x) = e^x$ with "
            "$\\frac{df}{dx} = e^x$.\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)


def test_a_decimal_comma_beside_a_comma_set_apart_and_an_iterate_named_as_an_entry():
    """Plain-text Adagrad notes with decimal commas: "w₂ = (0,2764 , 0,2764)" is a pair (the
    comma set apart by a space separates, the tight one is decimal — it was read as four
    numbers), and f(w) = w₁² + 5w₂²'s w₂ is the entry of its parameter even where the text
    gives the iterate w₂ a value; a slip in f(w₂) is found."""
    text = ("f(w) = w₁² + 5 w₂²\n\nw₂ = (0,2764 , 0,2764)\n"
            "f(w₂) = 0,0764 + 0,3820 = 0,4584\n")
    report = _check(text)
    assert [s.status for s in report.steps if s.line == 4] == ["holds", "holds"], str(report)
    wrong = _check(text.replace("0,0764 + 0,3820", "0,0764 + 0,3920"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 4, str(wrong)


def test_a_step_after_a_restatement_not_read_asks_which_definition_it_means():
    """"f(x) = 3x with df/dx = 3, …, and f(x) = x² with df/dx = 2x": the second f(x) may be a
    new definition (the checker asks), so df/dx = 2x after it asks too — it was a ✗, read with
    the f(x) = 3x still in force."""
    text = ("Two gates, each on its own: $f(x) = 3x$ with $\\frac{df}{dx} = 3$, and "
            "$f(x) = x^2$ with $\\frac{df}{dx} = 2x$.\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    last = report.steps[-1]
    assert last.status == "unreadable" and "anew" in last.question, str(report)


def test_a_name_written_with_one_index_but_sized_as_a_matrix_from_use_is_a_question():
    """t_k in one section and t_{nk} in a batch section after it (the held-out thirty-ninth's
    Japanese Softmax-with-Loss text): t is sized from use as a matrix, so a failure of a step
    that writes t_k rests on that guess — a question, never a ✗ (it was the corpus's one false
    alarm at first contact)."""
    path = Path(__file__).parent / "checker_corpus_thirtyninth" / "16_softmax_cross_entropy_ja.md"
    report = bp.check_derivation(str(path), points=3)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    asked = [s for s in report.steps if s.status == "unreadable" and "one index" in s.question]
    assert asked, str(report)


def test_members_defined_through_each_other_are_named_not_unrolled():
    """Bishop's ``a_j = Σ_i w_ji z_i`` with ``z_j = h(a_j)`` read as one family: ``z_1`` needs
    ``a_1``, which needs ``z_1``. The member that needs itself is named in the question (the
    evaluation was unrolled until Python's recursion limit, about 5 s a step on a §5.3 text)."""
    text = ("Let $a_j = \\sum_i w_{ji} z_i$ and $z_j = \\tanh(a_j)$, with $w$ a $3\\times 3$ "
            "matrix.\n\n$$\\frac{\\partial a_j}{\\partial w_{ji}} = z_i$$\n")
    step = _check(text).steps[-1]
    assert step.status == "unreadable" and "needs z_{1} itself" in step.question, str(step)


_WORKED = ("We use the loss $E = \\tfrac12(\\hat y - 1)^2$.\n\n"
           "$$h_2 = \\sigma(0.65) = 0.6570$$\n\n"
           "$$z^{(2)} = 0.5\\cdot 0.5 - 0.3\\cdot 0.6570 + 0.1 = 0.1529, \\qquad "
           "\\hat y = \\sigma(0.1529) = 0.5381$$\n\n"
           "$$\\frac{\\partial E}{\\partial z^{(2)}} = %s$$\n")


def test_a_number_shown_for_a_name_stands_for_it_where_a_derivative_needs_it():
    """A worked example writes ``ŷ = σ(0.1529)`` after ``z = … = 0.1529``: ∂E/∂z is read
    through z (it was "E does not depend on z"), and the rounded h₂ = 0.6570 in z's own
    definition is read as h₂ too. A failure under that reading is a question, never a ✗:
    the number may be z's value by chance."""
    holds = _check(_WORKED % "(\\hat y - 1)\\,\\hat y(1-\\hat y)").steps[-1]
    assert holds.status == "holds", str(holds)
    slip = _check(_WORKED % "(\\hat y - 1)\\,\\hat y").steps[-1]
    assert slip.status == "unreadable" and "0.1529 as z^{(2)}" in slip.question, str(slip)


def _asks_without_a_cross(text: str, words: str) -> None:
    """No step of ``text`` fails, and its last step asks a question with ``words`` in it."""
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    assert words in report.steps[-1].question, str(report)


def test_a_word_written_only_before_names_may_be_part_of_them():
    """Karpathy-style notes: every node "gets a grad", written ``grad a``, ``grad z``. The word
    stands only before names (as δ does in δa_t): drawn as a number multiplying z, the step
    failed firmly (the forty-sixth's ✗ before its planted line). It is part of the names, as d
    is of dW: ``grad a_2 = a_2 − y`` defines one, and a worked value of it is checked."""
    text = ("Two neurons: $z_2 = w a_1 + b$, $a_2 = \\tanh(z_2)$, $L = \\tfrac12(a_2 - y)^2$, with "
            "$a_1 = 0.3$, $w = 0.5$, $b = 0$, $y = 0$.\n\n"
            "$$\\texttt{grad}\\,a_2 = a_2 - y$$\n\n"
            "$$\\texttt{grad}\\,z_2 = \\texttt{grad}\\,a_2\\cdot(1 - a_2^2)$$\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    assert [s.message for s in report.steps if s.status == "definition"][-2:] == [
        "defines grad a_{2}", "defines grad z_{2}"], str(report)
    worked = text + "\n$$\\texttt{grad}\\,a_2 = \\tanh(0.15) - 0 = %s$$\n"
    assert _check(worked % "0.1489").steps[-1].status == "holds", str(_check(worked % "0.1489"))
    assert _check(worked % "0.1589").steps[-1].status == "fails", str(_check(worked % "0.1589"))


def test_the_ones_vector_declared_with_its_size_is_still_all_ones():
    """CS224n-style "multiplying by 𝟏𝟏ᵀ (with 𝟏 ∈ ℝ^n) copies each row sum": the declaration
    states 𝟏's size; it was drawn as an arbitrary vector and the (correct) step got a ✗."""
    text = ("Let $\\mathbf{1} \\in \\mathbb{R}^3$ and "
            "$M = \\begin{pmatrix} 1 & 2 & 3 \\\\ 4 & 5 & 6 \\end{pmatrix}$.\n\n"
            "$$M\\mathbf{1} = \\begin{pmatrix} 6 \\\\ 15 \\end{pmatrix}$$\n")
    step = _check(text).steps[-1]
    assert step.status == "holds", str(step)


def test_sigm_is_the_sigmoid():
    """Aggarwal's (and others') ``sigm``: a spelling of the sigmoid's row in the operation
    table (it was "what is sigm?" on every step of the forty-fifth's LSTM text)."""
    step = _check("$$\\mathrm{sigm}'(z) = \\mathrm{sigm}(z)\\,(1 - \\mathrm{sigm}(z))$$\n").steps[-1]
    assert step.status == "holds", str(step)
    slip = _check("$$\\mathrm{sigm}'(z) = \\mathrm{sigm}(z)\\,(1 + \\mathrm{sigm}(z))$$\n").steps[-1]
    assert slip.status == "fails", str(slip)


def test_numbered_layers_beside_lettered_ones_and_the_variable_of_a_gradient():
    """Nielsen's ``a^l = σ(z^l)`` with ``∇_a C`` in BP1 and a worked network ``a^1 = (1.0,
    0.5)ᵀ``, ``w^2 = …``: the ``a`` of ``∇_a`` names the variable, not a value written bare,
    so ``a^1``, ``w^2`` are layers (they were powers, every worked step a question), and a
    slip in ``z^2`` is found."""
    step = _check("We write $z^l = w^l a^{l-1} + b^l$ and $a^l = \\sigma(z^l)$, and $\\delta^L = \\nabla_a C \\odot \\sigma'(z^L)$. The input is $x$ and\n$$x = a^1 = (1.0, 0.5)^T, \\qquad w^2 = \\begin{bmatrix} 0.1 & -0.1 \\\\ 0.2 & 0.6 \\end{bmatrix}, \\qquad b^2 = \\begin{bmatrix} -0.6 \\\\ 0.2 \\end{bmatrix}.$$\n$$z^2 = w^2 a^1 + b^2 = (-0.55, 0.8)^T$$\n").steps[-1]
    assert step.status == "fails" and step.line == 3, str(step)
    right = _check("We write $z^l = w^l a^{l-1} + b^l$ and $a^l = \\sigma(z^l)$, and $\\delta^L = \\nabla_a C \\odot \\sigma'(z^L)$. The input is $x$ and\n$$x = a^1 = (1.0, 0.5)^T, \\qquad w^2 = \\begin{bmatrix} 0.1 & -0.1 \\\\ 0.2 & 0.6 \\end{bmatrix}, \\qquad b^2 = \\begin{bmatrix} -0.6 \\\\ 0.2 \\end{bmatrix}.$$\n$$z^2 = w^2 a^1 + b^2 = (-0.55, 0.7)^T$$\n").steps[-1]
    assert right.status == "holds", str(right)


def test_names_listed_then_as_many_values_are_each_given_its_own():
    """Goodfellow's Japanese edition: ``x^{(1)}, x^{(2)}, x^{(3)} = 1, -1, 1``. Split at the
    commas it read ``x^{(3)} = 1`` alone — and ``y^{(3)} = 1`` where the text gives 0.5."""
    text = ("入力を $x^{(1)}, x^{(2)}, x^{(3)} = 1, -1, 1$、目標を "
            "$y^{(1)}, y^{(2)}, y^{(3)} = 1, 1, 0.5$ とする。\n\n"
            "$$x^{(1)} + x^{(2)} + y^{(3)} = %s$$\n")
    assert _check(text % "0.5").steps[-1].status == "holds", str(_check(text % "0.5"))
    assert _check(text % "1.5").steps[-1].status == "fails", str(_check(text % "1.5"))


def test_a_sum_with_no_limits_runs_over_the_members_the_text_gives():
    """``Σ_t`` over ``h^{(t)}`` where the text gives h^{(1)}, h^{(2)}, h^{(3)}: t runs over
    1 … 3, also through a family (``L = Σ_t L^{(t)}`` with ``L^{(t)} = ½ (h^{(t)})²``); it
    asked "over which values does t run?". Where every name counts from 0 (y_0, y_1, y_2),
    the sum is still a question: the checker's indices start at 1."""
    text = ("$$h^{(1)} = 0.5, \\qquad h^{(2)} = 0.25, \\qquad "
            "h^{(3)} = 0.125$$\n\n$$\\sum_t h^{(t)} = %s$$\n")
    zero = _check("$$y_0 = 1, \\qquad y_1 = 2, \\qquad y_2 = 4$$\n\n$$\\sum_i y_i = 6$$\n")
    assert zero.steps[-1].status == "unreadable", str(zero)
    assert _check(text % "0.875").steps[-1].status == "holds", str(_check(text % "0.875"))
    assert _check(text % "0.75").steps[-1].status == "fails", str(_check(text % "0.75"))
    family = ("$$h^{(1)} = 1, \\qquad h^{(2)} = 2, \\qquad L^{(t)} = \\tfrac12 (h^{(t)})^2, "
              "\\qquad L = \\sum_t L^{(t)}$$\n\n$$L = 2.5$$\n")
    assert _check(family).steps[-1].status == "holds", str(_check(family))


def test_a_number_against_a_list_of_numbers_is_no_claim():
    """A TA's note: "overwriting gives row $2 = (-1, -3)$": the 2 names a row. A number
    against a list, neither with a name, got a ✗; it is a question. Numbers against numbers
    and lists against lists are still checked."""
    step = _check("Overwriting gives row $2 = (-1, -3)$ instead of the sum.\n").steps[-1]
    assert step.status == "unreadable" and "stand for" in step.question, str(step)
    assert _check("$$(1, 2) + (0, 1) = (1, 4)$$\n").steps[-1].status == "fails"
    assert _check("$$2 + 2 = 5$$\n").steps[-1].status == "fails"


def test_entries_written_from_0_and_the_largest_of_a_set():
    """A blog's max-pool example "(0-based indices everywhere)": ``X_{1,3}`` is row 1 and
    column 3 — counted from 1, or from 0 as a program counts (a second reading) — never the
    entry 1.3 of a decimal comma, which alone kept a correct 0-based entry from a ✗;
    ``\\max\\{2,0,1,5\\}`` is the largest of the set. A wrong winner written ``X_{0,1}`` (no
    entry 0 counted from 1, the wrong one counted from 0) is a question, not a ✗."""
    text = ("$$X = \\begin{bmatrix} 1 & 3 & 2 & 0 \\\\ 4 & 2 & 1 & 5 \\\\ 0 & 1 & 3 & 2 \\\\ "
            "2 & 6 & 1 & 1 \\end{bmatrix}$$\n\n"
            "- window $(0,1)$: $\\max\\{2,0,1,5\\} = 5 = X_{1,3}$\n"
            "- window $(0,0)$: $\\max\\{1,3,4,2\\} = 4 = X_{%s}$\n")
    right = _check(text % "1,0")
    statuses = [s.status for s in right.steps if s.status != "definition"]
    assert statuses[:3] == ["holds"] * 3 and "fails" not in statuses, str(right)
    wrong = _check(text % "0,1")
    assert [s.status for s in wrong.steps][-1] == "unreadable", str(wrong)
    assert not [s for s in wrong.steps if s.status == "fails"], str(wrong)


def test_a_name_moved_to_a_new_value_in_the_prose_is_a_question():
    """A forum reply: "one SGD step gives $a \\to (1.06, 0.1)$, and then $\\lVert a - p
    \\rVert^2 = 0.068$": the step is at the new a; read at the a defined before, it got a ✗."""
    text = ("Anchor $a = (1, 0)$ and positive $p = (0.8, 0.3)$, so "
            "$\\lVert a - p\\rVert^2 = 0.13$.\n\n"
            "One step gives $a \\to (1.06, 0.1)$, and then $\\lVert a - p\\rVert^2 = 0.068$.\n")
    _asks_without_a_cross(text, "moves a to a new value")


def test_a_function_the_text_approximates_may_be_its_approximation():
    """A study note: "GELU(x) ≈ ½x(1 + tanh u)", then its derivative: the text's GELU is the
    tanh approximation, not the library's exact GELU (a ✗ on a correct step)."""
    text = ("$$\\operatorname{GELU}(x) \\approx \\tfrac{1}{2} x (1 + \\tanh u), \\qquad "
            "u = \\sqrt{2/\\pi}\\,(x + 0.044715 x^3)$$\n\n"
            "$$\\frac{d}{dx}\\operatorname{GELU}(x) = \\tfrac{1}{2}(1 + \\tanh u) + "
            "\\tfrac{1}{2} x (1 - \\tanh^2 u)\\sqrt{2/\\pi}\\,(1 + 0.134145 x^2)$$\n")
    step = _check(text).steps[-1]
    assert step.status == "unreadable" and "approximates" in step.question, str(step)


def test_a_name_without_its_example_index_may_be_that_example():
    """CS229's notes: ``ℓ(θ)`` of one example ``(x^{(i)}, y^{(i)})``, then its derivative
    written with ``x`` and ``y``: the index dropped, as the notes do. Drawn as two vectors, a
    correct step got a ✗; ``x`` as ``x^{(i)}`` is a reading the text allows. A wrong sign
    still fails under every reading."""
    text = ("Let $h_\\theta(x) = g(\\theta^T x)$ with $g(z) = 1/(1 + e^{-z})$, and "
            "$y \\in \\{0, 1\\}$. For one example $(x^{(i)}, y^{(i)})$ the log likelihood is "
            "$\\ell(\\theta) = y^{(i)} \\log h_\\theta(x^{(i)}) + (1 - y^{(i)}) "
            "\\log(1 - h_\\theta(x^{(i)}))$.\n\n"
            "$$\\frac{\\partial}{\\partial \\theta_j} \\ell(\\theta) = \\big(%s\\big)\\, x_j$$\n\n"
            "Example: $\\theta = (0.5, -1.0, 0.25)^T$ and $x^{(i)} = (1, 2, -1)^T$, so "
            "$\\theta^T x^{(i)} = 0.5 - 2.0 - 0.25 = -1.75$.\n")
    step = next(s for s in _check(text % "y - h_\\theta(x)").steps if s.line == 3)
    assert step.status == "holds" and "example index" in step.message, str(step)
    wrong = next(s for s in _check(text % "h_\\theta(x) - y").steps if s.line == 3)
    assert wrong.status == "fails", str(wrong)


def test_a_function_given_by_its_values_at_worked_points_has_no_derivative_there():
    """fast.ai's notes on the Huber loss: ``L_δ(r) = (0.125, 1.5, 0.02)`` at the worked
    residuals, then ``L_δ'(r) = clip(r, −δ, δ)``: read as the formula of L_δ, the numbers
    gave derivative 0 and a ✗ on a correct step. The derivative of a function known only by
    its values at a point is a question."""
    text = ("Take $\\delta = 1$ and $r = (-0.5, 2.0, -0.2)$, so "
            "$L_\\delta(r) = (0.125, 1.5, 0.02)$.\n\n"
            "$$L_\\delta'(r) = \\operatorname{clip}(r, -\\delta, \\delta)$$\n")
    _asks_without_a_cross(text, "its values at the worked point")


def test_a_transposed_list_may_be_the_column_a_list_is():
    """A notebook writes ``t = (1, 0)^⊤`` for a column and ``a = (0.6, 0.5)`` for another:
    both columns. Read as the transpose of a column, t was a row, ``δ = (a − t) ⊙ a`` a
    matrix, and the outer product ``δ a^⊤`` a ✗ on a correct step. A wrong entry still
    fails."""
    text = ("$t = (1,\\ 0)^\\top$ and $a = (0.6,\\ 0.5)$, so "
            "$\\delta = (a - t) \\odot a = (-0.24,\\ 0.25)$.\n\n"
            "$$\\delta\\, a^\\top = \\begin{pmatrix} -0.144 & -0.12 \\\\ 0.15 & %s "
            "\\end{pmatrix}$$\n")
    assert _check(text % "0.125").steps[-1].status == "holds", str(_check(text % "0.125"))
    assert _check(text % "0.135").steps[-1].status == "fails", str(_check(text % "0.135"))


def test_a_differential_beside_a_size_named_d():
    """Magnus & Neudecker's style: ``x ∈ ℝ^d``, then ``d log det Σ = tr(Σ⁻¹ dΣ)``. With d also
    a size, d was read as that number (a ✗ on a standard identity); d before what it changes
    is a differential under a second reading — the only one where the text says it takes
    differentials. A wrong identity still fails."""
    text = ("For $\\mathbf x \\in \\mathbb R^d$, a standard identity:\n"
            "$$d\\log\\det\\Sigma = \\operatorname{tr}\\!\\big(%s\\Sigma^{-1}d\\Sigma\\big)$$\n")
    right = _check(text % "").steps[-1]
    assert right.status == "holds" and "differential" in right.message, str(right)
    assert _check(text % "2").steps[-1].status == "fails", str(_check(text % "2"))
    said = text.replace("identity", "differential")
    assert _check(said % "").steps[-1].status == "holds", str(_check(said % ""))
    assert _check(said % "2").steps[-1].status == "fails", str(_check(said % "2"))


def test_a_prime_on_a_vector_is_its_transpose():
    """``x'Σ⁻¹x`` (Magnus & Neudecker, econometrics): a prime on a vector or a matrix, never a
    function, is its transpose; it made every step unreadable ("x' is not the derivative of a
    function")."""
    text = ("$\\Sigma = \\begin{pmatrix}2&1\\\\1&2\\end{pmatrix}$ and $\\mathbf x = (1, 1)'$.\n\n"
            "$$\\mathbf x'\\Sigma\\mathbf x = %s$$\n")
    assert _check(text % "6").steps[-1].status == "holds", str(_check(text % "6"))
    assert _check(text % "5").steps[-1].status == "fails", str(_check(text % "5"))


def test_a_pair_of_names_equal_to_a_pair_of_values_and_a_condition():
    """"the condition $2m + j = 4$ gives $(m, j) = (1, 2)$ and $(2, 0)$": the condition is an
    equation to satisfy, and the pair gives m and j their values; both were ✗, read as claims
    at an m the text had given another value."""
    text = ("For $m, j \\in \\{0, 1, 2\\}$ the rows are\n"
            "$$m = 0: \\quad (1, 0), \\qquad m = 2: \\quad (0, 3)$$\n\n"
            "For $n = 3$ the condition $2m + j = 4$ gives $(m, j) = (1, 2)$ and $(2, 0)$.\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    roles = {s.left: s.status for s in report.steps}
    assert roles.get("2m + j") not in ("holds", "fails"), str(report)
    # a list of names against a list of names (or with an ellipsis) is still a claim
    swapped = _check("$x = (1, 2)$.\n\n$$(x_1, x_2) = (x_2, x_1)$$\n")
    assert swapped.steps[-1].status == "fails", str(swapped)


def test_a_derivative_typed_as_a_ratio_in_plain_text():
    """Class notes typed in plain text: ``dL/dh2 = h2 − y``. The plain-text reader ended the
    math at the two letters ``dL`` (a word of prose) and read ``/dh_{2} = …``; the ratio of
    differentials is one term, and Greek names with a digit (``δ2``) are one name."""
    text = ("Let $L = \\tfrac12 (h_2 - y)^2$ and $\\delta_2 = 3$.\n\n"
            "1. dL/dh2 = %s\n2. δ2 · 2 = 6\n")
    right = _check(text % "h2 − y")
    assert [s.status for s in right.steps if s.status != "definition"] == ["holds"] * 2, \
        str(right)
    assert _check(text % "y − h2").steps[-2].status == "fails", str(_check(text % "y − h2"))


def test_data_given_as_a_transposed_list_before_the_formulas():
    """A lab report: "input $x = [1, 2]^T$", then ``z_1 = W_1 x + b_1 = [1, 1.5]^T``. The
    transposed list was taken for a point some formula is read at, not the data, and every
    step after it asked "at which x?"."""
    text = ("Input $x = [1, 2]^T$ and $W = \\begin{pmatrix} 0.5 & 0.25 \\\\ -0.5 & 1 "
            "\\end{pmatrix}$.\n\n## Forward\n\n$z = W x = [%s]^T$\n")
    assert _check(text % "1, 1.5").steps[-1].status == "holds", str(_check(text % "1, 1.5"))
    assert _check(text % "1, 2.5").steps[-1].status == "fails", str(_check(text % "1, 2.5"))


def test_a_letter_with_a_combining_accent_in_plain_text():
    """A forum answer types ``x̂`` as x and a combining circumflex (no composed character
    exists, as ``ŷ`` has): it was "unexpected character"; it is ``\\hat{x}``."""
    text = "x̂ = 0.5 and γ = 2, β = 1\n\ny = γ·x̂ + β = %s\n"
    assert _check(text % "2").steps[-1].status == "holds", str(_check(text % "2"))
    assert _check(text % "3").steps[-1].status == "fails", str(_check(text % "3"))


def test_an_expectation_over_a_law_the_text_names():
    """``KL(q ‖ p) = 𝔼_{x∼q}[log q(x) − log p(x)]`` with ``q = 𝒩(0, 1)`` named: an expectation
    over x under q (it was "not declared"), and x, bound by the subscript, is no name of the
    text's (the equation was read as the text's own definition of KL). A wrong sign fails."""
    laws = "Let $q = \\mathcal N(0, 1)$ and $p = \\mathcal N(1, 4)$.\n\n"
    expectation = "$$\\mathrm{KL}(q\\|p) = \\mathbb E_{x\\sim q}[\\log q(x) %s \\log p(x)]$$\n"
    step = _check(laws + expectation % "-").steps[-1]
    assert step.status == "holds", str(step)
    wrong = _check(laws + "$$\\mathbb E_{x\\sim q}[x^2] - 1 = 1$$\n").steps[-1]
    assert wrong.status == "fails", str(wrong)

def test_a_row_of_ones_beside_a_row_and_an_entry_written_with_two_digits():
    """A paper's attention notes: ``P ⊙ (G − (G Pᵀ) 𝟏ᵀ)`` with P and G rows: the row of ones
    beside a row of two was sized by its rows (one), a ✗ on shapes; and ``L = O_{11}`` of a
    row O is row 1, column 1 (it was "component 11 out of range")."""
    text = ("$P = \\begin{pmatrix}0.25 & 0.75\\end{pmatrix}$, $G = \\begin{pmatrix}1 & 3"
            "\\end{pmatrix}$.\n\n$$P \\odot \\big(G - (G P^\\top)\\mathbf 1^\\top\\big) = "
            "\\begin{pmatrix}-0.375 & %s\\end{pmatrix}$$\n")
    assert _check(text % "0.375").steps[-1].status == "holds", str(_check(text % "0.375"))
    assert _check(text % "0.475").steps[-1].status == "fails", str(_check(text % "0.475"))
    entry = ("$O = \\begin{pmatrix}1.75 & 0.87\\end{pmatrix}$.\n\n$$O_{12} - O_{11} = %s$$\n")
    assert _check(entry % "-0.88").steps[-1].status == "holds", str(_check(entry % "-0.88"))
    assert _check(entry % "0.88").steps[-1].status == "fails", str(_check(entry % "0.88"))


def test_a_derivation_quoted_as_wrong_is_not_the_texts_claim():
    """A "spot the mistake" exercise quotes a classmate's step after "contains a mistake:" in a
    block quote: those claims are shown, not asserted (they were ✗ on a correct file). The
    text's own lines after the quote are checked."""
    text = ("Let $a = 0.5$.\n\nA classmate's step (contains a mistake):\n"
            "> $b = a/0.1 = 0.5$\n\nThe right value is $a/0.1 = %s$.\n")
    report = _check(text % "5")
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    assert any("quoted" in (s.message or "") for s in report.steps), str(report)
    assert _check(text % "6").steps[-1].status == "fails", str(_check(text % "6"))
    plain = _check("Let $a = 0.5$.\n\nA classmate's step:\n> $b = a/0.1 = 0.5$\n")
    assert [s for s in plain.steps if s.status == "fails"], str(plain)


def test_a_primed_name_given_rounded_with_approx_keeps_its_slack():
    """``g' ≈ (1.154, −1.538, 4.615)`` and then ``‖g'‖₂ = 5``: the rounded entries of the
    primed name move its norm by more than 4.9995 is from 5 (a ✗ before); a real slip still
    fails."""
    text = ("Clipped gradient: $g' \\approx (1.154, -1.538, 4.615)$, with "
            "$\\lVert g' \\rVert_2 = %s$.\n")
    assert _check(text % "5").steps[-1].status == "holds", str(_check(text % "5"))
    assert _check(text % "5.1").steps[-1].status == "fails", str(_check(text % "5.1"))


def test_a_sum_over_a_label_and_a_value_recomputed_without_a_name():
    """Goodfellow's ``L = Σ_{t=1}^{τ} L^{(t)}``, then ``∇_{o^{(t)}} L = o^{(t)} − y^{(t)}``: read
    as labels, the one name ``L^{(t)}`` was counted τ times (a ✗ on a correct step); it is a
    question. "likewise with $σ² = 0.24$ … $0.9·0.24 + 0.1·0.34 = 0.25$": the unnamed result
    may be σ²'s next value, so a step at 0.25 asks."""
    bptt = ("With $\\tau = 3$: $o^{(t)} = c + V h^{(t)}$, $L = \\sum_{t=1}^{\\tau} L^{(t)}$ "
            "with $L^{(t)} = \\frac{1}{2} \\| o^{(t)} - y^{(t)} \\|^2$.\n\n"
            "$$\\nabla_{o^{(t)}} L = o^{(t)} - y^{(t)}$$\n")
    step = _check(bptt).steps[-1]
    assert step.status == "unreadable" and "label" in step.question, str(step)
    running = ("Likewise with $s = 0.24$ and a batch variance of 0.34: "
               "$0.9 \\cdot 0.24 + 0.1 \\cdot 0.34 = 0.25$.\n\n"
               "The slope is $a = 1.5/\\sqrt{s} = 1.5/0.5 = 3$.\n")
    report = _check(running)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    assert any("without naming it" in s.question for s in report.steps), str(report)


def test_a_conditional_bar_written_plainly():
    """Bishop writes ``p(t|w)`` with a plain bar: alone in a function's parentheses it is the
    conditional bar (``\\mid``), not half of an absolute value (it was "unexpected ')'").
    ``|x|`` pairs are untouched."""
    text = ("For a Bernoulli target, $p(t|w) = y^t (1 - y)^{1 - t}$ with $y = \\sigma(w)$, "
            "and $E(w) = -\\log p(t|w)$.\n\n$$\\frac{dE}{dw} = %s$$\n")
    assert _check(text % "y - t").steps[-1].status == "holds", str(_check(text % "y - t"))
    assert _check(text % "t - y").steps[-1].status == "fails", str(_check(text % "t - y"))
    pair = _check("$x = -2$.\n\n$$|x| \\cdot g(|x| + 1) = 6$$ with $g(u) = u$.\n")
    assert [s.status for s in pair.steps if s.status != "definition"] == ["holds"], str(pair)


def test_a_row_the_text_sizes_one_is_added_to_every_row():
    """d2l's ``O = XW + b`` with ``b ∈ ℝ^{1×q}``: b is added to every row, so the batch size n
    is not joined to b's one row (it made n = q = 1, and softmax "of a single number" made
    most steps unreadable)."""
    text = ("Let $\\mathbf{x} \\in \\mathbb{R}^{1 \\times d}$, "
            "$\\mathbf{W} \\in \\mathbb{R}^{d \\times q}$, "
            "$\\mathbf{b} \\in \\mathbb{R}^{1 \\times q}$ "
            "and $\\mathbf{o} = \\mathbf{x}\\mathbf{W} + \\mathbf{b}$.\n\n"
            "$$\\sum_{j=1}^q \\mathrm{softmax}(\\mathbf{o})_j = %s$$\n\n"
            "A batch $\\mathbf{X} \\in \\mathbb{R}^{n \\times d}$ gives "
            "$\\mathbf{O} = \\mathbf{X}\\mathbf{W} + \\mathbf{b} "
            "\\in \\mathbb{R}^{n \\times q}$, with the loss "
            "$l(\\mathbf{y}, \\hat{\\mathbf{y}}) = -\\sum_{j=1}^q y_j \\log \\hat{y}_j$ averaged: "
            "$L = \\frac{1}{n}\\sum_{i=1}^n l(\\mathbf{y}_i, \\hat{\\mathbf{y}}_i)$.\n")
    assert _last(text % "1").status == "holds", str(_check(text % "1"))
    assert _last(text % "2").status != "holds", str(_check(text % "2"))
    assert _check(text % "1").steps[-1].message == "defines L", str(_check(text % "1"))


def test_a_table_function_the_text_gives_a_value_or_differentiates_by_is_a_value():
    """``ρ = log σ²`` and then ``σ = exp(ρ/2)``; ``∂ℓ/∂σ`` in a text on a variance: σ is a
    number of the text's, not the sigmoid (its steps were "the function sigmoid is used where
    a number belongs"). Where the text applies σ(z), σ stays the sigmoid."""
    text = ("The encoder outputs $\\rho = \\log \\sigma^2$, and the sample is "
            "$z = \\mu + \\sigma \\epsilon$ with\n\n$$\\sigma = %s$$\n")
    for right, status in (("\\exp(\\rho/2)", "holds"), ("\\exp(\\rho)", "unreadable")):
        assert _last(text % right).status == status, str(_check(text % right))
    nll = ("With $s = \\log\\sigma^2$ and "
           "$\\ell = \\log\\sigma + \\frac{(y-\\mu)^2}{2\\sigma^2}$:\n\n"
           "$$\\frac{\\partial \\ell}{\\partial \\sigma} = %s$$\n")
    good = "\\frac{1}{\\sigma} - \\frac{(y-\\mu)^2}{\\sigma^3}"
    for right, status in ((good, "holds"), ("\\frac{1}{\\sigma}", "fails")):
        assert _last(nll % right).status == status, str(_check(nll % right))
    sigmoid = _check("$$\\frac{d\\sigma}{dz} = \\sigma(z)(1 - \\sigma(z))$$\n")
    assert sigmoid.steps[-1].status == "holds", str(sigmoid)


def test_a_letter_written_only_before_names_is_part_of_them():
    """``δc_t = δh_t ⊙ o_t``, ``Δθ = −η g``: δ and Δ stand only before names, so ``δc_t`` is one
    name the text defines, as ``dW`` is (the steps asked "is δ a factor?"); a later step that
    uses it is checked against its definition."""
    text = ("Let $\\eta = 0.1$ and $g = 2$. The update is $\\Delta\\theta = -\\eta g$, "
            "applied as $\\theta \\leftarrow \\theta + \\Delta\\theta$.\n\n"
            "$$\\Delta\\theta = %s$$\n")
    assert _last(text % "-0.2").status == "holds", str(_check(text % "-0.2"))
    assert _last(text % "0.2").status == "fails", str(_check(text % "0.2"))


def _last(text: str):
    """The last step that is a claim."""
    return [s for s in _check(text).steps if s.status in ("holds", "fails", "unreadable")][-1]


def test_numbers_computed_from_the_worked_data_are_no_constants_under_a_derivative():
    """Batch norm with ``x = (1, 2, 6)`` and ``μ = ⅓(1 + 2 + 6) = 3``: μ's numbers are its value
    at the worked x, so ``∂x̂_j/∂x_i`` through μ and σ asks (read as constants it was a ✗ on a
    correct file). A number given plainly (β = 0.5) is no such question."""
    text = ("Batch $N = 3$: $x = (1,\\ 2,\\ 6)$, $\\gamma = 2$.\n\n"
            "$$\\mu = \\tfrac13\\,(1 + 2 + 6) = 3, \\qquad \\hat x = x - \\mu$$\n\n"
            "Since $\\mu$ depends on every $x_i$,\n"
            "$$\\frac{\\partial \\hat x_j}{\\partial x_i} = \\delta_{ij} - \\frac{1}{N}$$\n")
    step = _last(text)
    assert step.status == "unreadable" and "\\mu" in step.question, str(_check(text))
    plain = ("Let $\\beta = 0.5$ and $x = 2$, with $y = \\beta x^2$.\n\n"
             "$$\\frac{\\partial y}{\\partial x} = %s$$\n")
    assert _last(plain % "2\\beta x").status == "holds", str(_check(plain % "2\\beta x"))
    assert _last(plain % "\\beta x").status == "fails", str(_check(plain % "\\beta x"))


def test_a_rounded_value_keeps_its_slack_through_the_definitions_that_use_it():
    """``σ ≈ 2.16025``, ``x̂ = (x − μ)/σ`` and then ``Σ x̂_i² = N``: the sum is 2.9999914 with σ
    as written, within what σ's last digit allows (it was a ✗ on a correct file); a sum off
    by more still fails."""
    text = ("With $x = (1,\\ 2,\\ 6)$, $N = 3$, $\\mu = 3$ and $\\sigma \\approx 2.16025$,\n"
            "$$\\hat x = \\frac{x - \\mu}{\\sigma}$$\n\n"
            "so that $\\sum_{i=1}^{3} \\hat x_i^2 = %s$.\n")
    assert _last(text % "N").status == "holds", str(_check(text % "N"))
    assert _last(text % "3.01").status == "fails", str(_check(text % "3.01"))


def test_a_name_given_another_number_on_the_steps_own_line_asks():
    """"At x = 1: …", then "silu'(x) = 0 where 1 + x(1 − σ(x)) = 0, i.e. at x ≈ −1.2785": the
    line gives x another number after its claims, which may be said there (at x = 1 they were
    a ✗ before the planted line)."""
    text = ("Values at $x = 1$: $\\sigma(1) = 0.7311$.\n\n"
            "The slope vanishes, $1 + x(1 - \\sigma(x)) = 0$, i.e. at $x \\approx -1.2785$.\n")
    step = _last(text)
    assert step.status == "unreadable" and "another value" in step.question, str(_check(text))
    later = text + "\nBack at the start, $x + 1 = %s$.\n"
    assert _last(later % "2").status != "fails", str(_check(later % "2"))


def test_a_table_function_at_a_name_the_text_gives_numbers_is_a_value_not_a_definition():
    """``exp(s) = (2.7183, 1, 0.1353)`` with ``s = (1, 0, −1)``: a value of exp at s, checked;
    it asked whether the text defines its own exp. ``σ(z) = 0.5`` with z never given still
    cannot fail."""
    text = "With $s = (1,\\ 0,\\ -1)$: $\\exp(s) = (2.7183,\\ 1,\\ %s)$.\n"
    assert _last(text % "0.3679").status == "holds", str(_check(text % "0.3679"))
    assert _last(text % "0.1353").status == "fails", str(_check(text % "0.1353"))
    free = _check("so that $\\sigma(z) = 0.5$.\n")
    assert not [s for s in free.steps if s.status == "fails"], str(free)


def test_the_variable_a_step_differentiates_by_is_its_own():
    """``s'(z) = d/dz ln(1 + e^z) = σ(z)(1 − σ(z))``, z never given, or given in a remark (at
    z = 0.5) for other steps: a formula in z for every z (softplus' derivative is σ(z)), so
    the wrong right side fails; it asked "what is z?". ``\\underbrace{…}_{σ(z)}`` is what it
    spans (it was "what is \\underbrace?")."""
    text = ("For $\\sigma(z) = \\dfrac{1}{1+e^{-z}}$,\n\\begin{align*}\n"
            "\\sigma'(z) &= \\underbrace{\\frac{1}{1+e^{-z}}}_{\\sigma(z)}\\cdot"
            "\\underbrace{\\frac{e^{-z}}{1+e^{-z}}}_{1-\\sigma(z)} = "
            "\\sigma(z)\\bigl(1-\\sigma(z)\\bigr).\n\\end{align*}\n"
            "At $z = 0.5$: $\\sigma(0.5) = 0.6225$.\n\nSoftplus $s(z) = \\ln(1 + e^{z})$:\n"
            "$$\\frac{d}{dz}\\ln\\left(1+e^{z}\\right) = %s$$\n")
    assert _check(text % "\\sigma(z)").steps[2].status == "holds", str(_check(text % "\\sigma(z)"))
    assert _last(text % "\\sigma(z)").status == "holds", str(_check(text % "\\sigma(z)"))
    wrong = "\\sigma(z)\\bigl(1-\\sigma(z)\\bigr)"
    assert _last(text % wrong).status == "fails", str(_check(text % wrong))


def test_i_given_a_value_is_the_texts_name_not_the_identity():
    """"input length $I$", ``I = 32`` in part (a), and the general ``O = ⌊(I + 2P − K)/S⌋ + 1``
    before it: I is the text's name there (a number drawn), not the identity matrix (the step
    was "the identity I is used where a number belongs"). Where the text gives I no value it
    is still the identity."""
    text = ("For input length $I$, kernel $K$, padding $P$ and stride $S$: "
            "$O = \\lfloor (I + 2P - K)/S \\rfloor + 1$.\n\n"
            "$$O = \\left\\lfloor \\frac{I + 2P - K}{S} \\right\\rfloor + %s$$\n\n"
            "**(a)** $I = 32$, $K = 3$, $P = 1$, $S = 1$: $O = 32$.\n")
    assert _last(text % "1").status == "holds", str(_check(text % "1"))
    assert [s for s in _check(text % "1").steps if s.line == 3][0].status == "holds", \
        str(_check(text % "1"))
    identity = _check("Let $A = \\begin{pmatrix}1 & 2\\\\ 3 & 4\\end{pmatrix}$.\n\n$$IA = A$$\n")
    assert identity.steps[-1].status == "holds", str(identity)


def test_a_value_given_to_a_name_made_of_others_keeps_their_values():
    """Givens ``w = 1, b = 0`` above part (a), then ``θ = (w, b)ᵀ`` in it: θ is given a value
    made of w and b, which does not give w and b new ones; part (b)'s ``ŷ = (1, 2, 3)`` is
    read at w = 1, b = 0 (it asked "at which b, w?")."""
    text = ("# Problem 3\n\nModel $\\hat y_i = w\\,x_i + b$. Data: $x = (1,\\ 2,\\ 3)$; initial "
            "$w = 1$, $b = 0$.\n\n**(a)** With $\\theta = (w, b)^\\top$ the model is linear.\n\n"
            "$$\\frac{\\partial \\hat y_i}{\\partial w} = x_i$$\n\n**(b)**\n"
            "$$\\hat y = (1,\\ 2,\\ %s)$$\n")
    assert _last(text % "3").status == "holds", str(_check(text % "3"))
    assert _last(text % "4").status == "fails", str(_check(text % "4"))


def test_an_upstream_gradient_given_as_a_transposed_list():
    """"suppose the upstream gradient is ∂L/∂y = (0.5, −1)ᵀ", L written nowhere: the loss is
    any loss with that gradient, as for ``(0.5, −1)`` (the ᵀ made it a claim about an
    undefined L, and every step after it asked how L depends on y)."""
    text = ("Let $y = Wx$ with $W = \\begin{pmatrix}1 & 2\\\\ 3 & 4\\end{pmatrix}$ and "
            "$x = (1, 1)^T$, and suppose the upstream gradient is "
            "$\\frac{\\partial L}{\\partial y} = (0.5, -1)^T$.\n\n"
            "$$\\frac{\\partial L}{\\partial x} = W^T \\frac{\\partial L}{\\partial y} = %s$$\n")
    report = _check(text % "(-2.5, -3)^T")
    assert [s.status for s in report.steps if s.line == 3] == ["holds", "holds"], str(report)
    assert _last(text % "(-2.5, -2)^T").status != "holds", str(_check(text % "(-2.5, -2)^T"))


def test_a_greek_letter_spelled_in_plain_text_is_the_letter():
    """OCR'd homework in plain text: ``delta = dL/da``, then ``dL/dW1 = delta x^T = [[…]]``:
    delta is δ, not a word of prose that cut the line to ``x^T = [[…]]`` (a ✗ on a correct
    file once x's value was read); ``dL/da`` is one ratio."""
    text = ("Given x = [1, 2]^T and W1 = [[1, 0], [0, 1]].\n\n"
            "delta = [0.5, -1]^T\n\n"
            "dL/dW1 = delta x^T = [[0.5, 1], [-1, %s]]\n")
    report = _check(text % "-2")
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    assert any(s.left.startswith("\\delta") for s in report.steps), str(report)


def test_a_defined_function_at_an_iterate_is_its_value_not_a_new_function():
    """Strang's ``f = ½ xᵀSx``, iterates ``x₀``, ``x₁`` defined, then ``f(x₀) = ½(1/9 + 1/3)``:
    f's value at x₀, not a new f that is constant (``f(x₁)/f(x₀) = 1/4`` was a ✗ on a
    correct file)."""
    text = ("Let $S = \\begin{bmatrix}1 & 0\\\\ 0 & 1/3\\end{bmatrix}$ and "
            "$f = \\frac{1}{2}\\boldsymbol{x}^{\\mathrm T} S\\boldsymbol{x}$.\n\n"
            "Start at $\\boldsymbol{x}_0 = (1/3,\\ 1)$; one step gives "
            "$\\boldsymbol{x}_1 = (-1/6,\\ 1/2)$.\n\n"
            "$f(\\boldsymbol{x}_0) = \\frac{1}{2}\\left(\\frac{1}{9} + \\frac{1}{3}\\right) = "
            "\\frac{2}{9}$, $f(\\boldsymbol{x}_1) = \\frac{1}{18}$.\n\n"
            "$$f(\\boldsymbol{x}_1)/f(\\boldsymbol{x}_0) = 1/4$$\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    assert not [s for s in report.steps if s.message.startswith("defines f(")], str(report)


def test_a_value_name_before_a_number_in_parentheses_asks():
    """``g = (ab + c)²`` at ``a = 2``, then a central difference ``g(2.001) = (−2.001 + 3)²``:
    g at a moved, as the quiz means, or g times 2.001 (read so, it was a ✗ on a correct
    file)? It asks."""
    text = ("$g = (ab + c)^2$ at $a = 2$, $b = -1$, $c = 3$.\n\n"
            "Forward: $u = ab = -2$, $s = u + c = 1$, $g = s^2 = 1$.\n\n"
            "Check: $g(2.001) = (-2.001 + 3)^2 = 0.998001$.\n")
    step = [s for s in _check(text).steps if s.left == "g(2.001)"][0]
    assert step.status == "unreadable" and "product" in step.question, str(_check(text))


def test_a_model_and_the_data_it_fits_under_one_name_ask():
    """MML: "model $y = Φθ$", then ``e(θ) := y − Φθ``: read as y's definition the residual is 0
    and ``∂e/∂θ = −Φ`` failed on a correct file; y is the data. And ``L(e) := ‖e‖²`` then
    ``L(θ₁)``: L at e = θ₁, or at e(θ₁)? Both ask."""
    text = ("Linear model $y = \\Phi\\theta$ with $\\Phi \\in \\mathbb{R}^{3\\times 2}$, "
            "$\\theta \\in \\mathbb{R}^{2}$. Let $L(e) := \\|e\\|^2$ and "
            "$e(\\theta) := y - \\Phi\\theta$.\n\n"
            "$$\\frac{\\partial e}{\\partial \\theta} = -\\Phi$$\n\n"
            "With $\\theta_1 = [0.37,\\ 1.05]^\\top$: $L(\\theta_1) = 0.01495$.\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    asked = " ".join(s.question for s in report.steps if s.status == "unreadable")
    assert "the data it fits" in asked and "at e(" in asked, str(report)


def test_a_table_headed_by_names_is_read_row_by_row():
    """A table of values under math headers: each row is the header names at the row's
    numbers (``| 0 | 0 | $\\log 2$ | $-0.5$ |`` under ``| $z$ | $y$ | $L$ | $∂L/∂z$ |`` says
    ∂L/∂z = −0.5 at z = 0, y = 0, which fails: σ(0) − 0 = 0.5); the rows before it hold."""
    text = ("$\\sigma(z) = \\frac{1}{1 + e^{-z}}$ and "
            "$L(z, y) = -\\big[y \\log \\sigma(z) + (1 - y)\\log(1 - \\sigma(z))\\big]$, "
            "so $\\dfrac{\\partial L}{\\partial z} = \\sigma(z) - y$.\n\n"
            "| $z$ | $y$ | $L$ | $\\partial L/\\partial z$ |\n"
            "|---|---|---|---|\n"
            "| 3 | 1 | $\\log(1+e^{-3}) \\approx 0.048587$ | $0.952574 - 1 = -0.047426$ |\n"
            "| 0 | 0 | $\\log 2 \\approx 0.693147$ | $-0.5$ |\n")
    report = _check(text)
    header = [s for s in report.steps if s.left.startswith("\\partial L/\\partial z")]
    assert [s.status for s in header] == ["holds", "fails"], str(report)
    assert [s.line for s in report.steps if s.status == "fails"] == [6], str(report)


def test_a_table_of_symbols_and_values_gives_the_values():
    """``| symbol | value |`` rows ``| $x,\\ w$ | $3,\\ 2$ |``: x = 3 and w = 2 for the steps
    after it, so ``f(x) = w x² = 20`` fails (it is 18) where before the table was not read."""
    text = ("Let $f(x) = w x^2$.\n\n"
            "| symbol | value |\n"
            "|---|---|\n"
            "| $x,\\ w$ | $3,\\ 2$ |\n\n"
            "Then $f(x) = 20$.\n")
    report = _check(text)
    assert [(s.line, s.status) for s in report.steps
            if s.status not in ("definition", "skipped")] == [(7, "fails")], str(report)


def test_the_summation_convention_the_text_states_sums_repeated_indices():
    """"Repeated indices are summed (Einstein convention)": ``x_k A_{kl} x_l`` is xᵀAx, and
    ``∂L/∂s_j = ∂L/∂a_i · a_i(δ_{ij} − a_j)`` sums over i (an index in two factors), not over
    j (the left side's); a wrong index identity still fails."""
    text = ("From here on, repeated indices are summed (Einstein convention). "
            "Let $A \\in \\mathbb{R}^{3\\times 3}$, $x \\in \\mathbb{R}^3$, $a \\in \\mathbb{R}^3$ "
            "and $g \\in \\mathbb{R}^3$.\n\n"
            "$$x^\\top A x = x_k A_{kl} x_l$$\n\n"
            "$$g_i\\, a_i(\\delta_{ij} - a_j) = a_j\\big(g_j - a_i g_i\\big)$$\n\n"
            "$$x^\\top A x = x_k A_{lk} x_k$$\n")
    report = _check(text)
    assert [(s.line, s.status) for s in report.steps if s.status != "skipped"] == \
        [(3, "holds"), (5, "holds"), (7, "fails")], str(report)


def test_names_equal_to_one_number_are_each_given_it():
    """"Example ($n = d = d_v = 2$)": each size is 2, not a claim that d equals a d_v drawn
    as another size (it was a ✗ on a correct handout)."""
    text = ("Let $K \\in \\mathbb{R}^{n\\times d}$ and $V \\in \\mathbb{R}^{n\\times d_v}$.\n\n"
            "**Example** ($n = d = d_v = 2$): $K = \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 "
            "\\end{pmatrix}$.\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    assert {s.left for s in report.steps if s.line == 3} >= {"n", "d", "d_v"}, str(report)


def test_a_claim_under_a_condition_written_after_when_is_not_checked_without_it():
    """``∇f = 2Ax + b \\text{ when } A = A^⊤``: said of symmetric A only; read without the
    condition it was a ✗ on a correct note. It is read with it, or asks."""
    text = ("Let $A \\in \\mathbb{R}^{2\\times 2}$, $b \\in \\mathbb{R}^2$ and "
            "$f(x) = x^\\top A x + b^\\top x$.\n\n"
            "$$\\nabla_x f = (A + A^\\top)x + b, \\qquad \\text{and } \\nabla_x f = 2Ax + b "
            "\\text{ when } A = A^\\top .$$\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)


def test_floor_brackets_in_plain_text_are_part_of_the_math():
    """A quiz in plain Unicode: ``O = ⌊(24 + 2 − 3)/2⌋ + 1 = ⌊11.5⌋ + 1 = 12`` is one chain
    (read from the ⌋ on, ``+ 1 = 12`` was a ✗)."""
    text = "Q2. K = 3, S = 2, P = 1.\n- O = ⌊(24 + 2 − 3)/2⌋ + 1 = ⌊11.5⌋ + 1 = 12\n"
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    assert [s.status for s in report.steps if "11.5" in s.right] == ["holds"], str(report)


def test_a_numbered_name_of_a_sequence_and_of_a_functions_components_asks():
    """``L(w) = w_1² + 3w_2²`` and iterates ``w_t = w_{t−1} − η v_t``: in
    ``∇L(w_{t−1}) = (2w_1, 6w_2)`` w_1 may be the first iterate or a component; read as the
    iterate it was a ✗ on a correct exam solution. It asks."""
    text = ("$L(w) = w_1^2 + 3 w_2^2$, start $w_0 = (1,\\ 1)$, $\\eta = 0.1$, $\\beta = 0.9$, "
            "$v_0 = (0,\\ 0)$.\n\n"
            "$$v_t = \\beta\\, v_{t-1} + g_t, \\qquad w_t = w_{t-1} - \\eta\\, v_t, \\qquad "
            "g_t = \\nabla L(w_{t-1}) = (2 w_1,\\ 6 w_2).$$\n")
    report = _check(text)
    step = [s for s in report.steps if s.right.startswith("(2 w_1")][0]
    assert step.status == "unreadable" and "component" in step.question, str(report)


def test_a_value_off_in_its_last_digits_in_a_text_that_rounds_as_it_goes_asks():
    """"Values are rounded to 4 decimals and carried forward": −3 · 0.6225 = −1.8675 for
    ∂f/∂x = y σ(w) = −1.86738… is the carried rounding, not an error; a value off by more
    still fails."""
    head = ("Values are rounded to 4 decimals and the rounded values are carried forward.\n\n"
            "Let $x = 2$, $y = -3$, $w = 0.5$ and $f = x y\\,\\sigma(w)$; "
            "$\\sigma(0.5) = 0.6225$.\n\n")
    near = _check(head + "$$\\frac{\\partial f}{\\partial x} = -1.8675$$\n")
    far = _check(head + "$$\\frac{\\partial f}{\\partial x} = -1.8775$$\n")
    assert [s.status for s in near.steps if s.line == 5] == ["unreadable"], str(near)
    assert [s.status for s in far.steps if s.line == 5] == ["fails"], str(far)


def test_a_derivative_operator_before_two_parentheses_may_take_both():
    """``∂/∂w (w − 1)(w + 1) = 2w``: of the whole product, as one reading (of the first
    parenthesis only, it is w + 1, and the step was a ✗ on a correct handout)."""
    text = "Let $w$ be a number.\n\n$$\\frac{\\partial}{\\partial w}(w - 1)(w + 1) = 2w$$\n"
    report = _check(text)
    assert [s.status for s in report.steps] == ["holds"], str(report)


def test_a_defined_name_given_a_number_for_an_example_is_read_at_it():
    """``p = σ(z)``, z given nowhere, then "Numbers: $p = 0.8$": the example's p, so
    ``(1 − p)² = 0.04`` holds (before, it asked for z); ``(1 − p)² = 0.05`` does not (it asks
    which z makes p 0.8: a ✗ may not rest on the case of a definition)."""
    head = "Let $p = \\sigma(z)$ and $\\mathrm{FL}(p) = -(1-p)^2 \\log p$.\n\nNumbers: $p = 0.8$. Then "
    assert [s.status for s in _check(head + "$(1-p)^2 = 0.04$.\n").steps
            if s.line == 3 and s.left == "(1-p)^2"] == ["holds"]
    assert [s.status for s in _check(head + "$(1-p)^2 = 0.05$.\n").steps
            if s.line == 3 and s.left == "(1-p)^2"] == ["unreadable"]


def test_numpy_matrix_product_and_transpose_in_plain_text():
    """A forum answer in NumPy: ``z1 = W1 @ x`` is the matrix product (split at the @, z1 was
    W1 itself and ``a1 = sigmoid(z1)`` a ✗) and ``W2.T`` the transpose."""
    text = ("    x = [1, 0, 2]\n"
            "    W1 = [[0.2, -0.1, 0.4], [-0.5, 0.3, 0.1]]\n"
            "    W2 = [[0.6, -0.4]]\n\n"
            "    z1 = W1 @ x = [1.0, -0.3]\n"
            "    a1 = sigmoid(z1) = [0.7311, 0.4256]\n"
            "    v = W2.T @ [1] = [0.6, -0.4]\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status in ("fails", "unreadable")], str(report)
    assert any(s.left == "W_{2}^T [1]" and s.status == "holds" for s in report.steps), \
        str(report)


def test_a_numbered_name_beside_one_the_text_defines_apart_asks():
    """``z1 = W1 @ x`` defined, then ``d2 = dL/dz2`` and ``da1 = W2.T @ d2``: z2 is no entry
    of a vector z drawn for it (read so, dL/dz2 was 0 and ``W2.T @ d2`` a ✗); it may be a
    name of its own, as z1 is, or L may depend on it through y_hat: it asks."""
    text = ("    x  = [1, 0, 2]\n"
            "    W1 = [[0.2, -0.1, 0.4], [-0.5, 0.3, 0.1]]\n"
            "    W2 = [[0.6, -0.4]]\n"
            "    y  = 1\n\n"
            "    z1 = W1 @ x = [1.0, -0.3]\n"
            "    a1 = sigmoid(z1) = [0.7311, 0.4256]\n"
            "    y_hat = W2 @ a1 = 0.6*0.7311 - 0.4*0.4256 = 0.2684\n"
            "    L = 0.5 * (0.2684 - 1)^2 = 0.2676\n\n"
            "    d2  = dL/dz2 = y_hat - y = -0.7316\n"
            "    da1 = W2.T @ d2 = [0.6*(-0.7316), -0.4*(-0.7316)] = [-0.4390, 0.2926]\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    assert [s.status for s in report.steps if s.left.startswith("W_{2}^T")] == \
        ["unreadable"], str(report)


def test_a_name_written_before_a_count_noun_asks_when_a_failure_rests_on_it():
    """"With $K$ classes": K drawn as any real number made ``Σ_k q_k = 1`` fail for a
    label-smoothed one-hot target (it holds when K is the vectors' length); it asks."""
    text = ("With $K$ classes and smoothing $\\varepsilon$, the one-hot target $y$ becomes "
            "$q_k = (1-\\varepsilon)\\,y_k + \\frac{\\varepsilon}{K}$.\n\n"
            "Then $-q_i + p_i\\sum_k q_k = p_i - q_i$.\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)
    assert any("number of classes" in s.question for s in report.steps), str(report)


def test_a_value_given_to_every_member_of_a_defined_family_is_not_set():
    """``y_n = σ(w x_n)``, then at ``w_0 = 0`` "all $y_n = 0.5$": a remark on the members
    there, not a value that cuts y's dependence on w (set, ``Ψ'(0)`` came out 0 and failed)."""
    text = ("Let $y_n = \\sigma(w x_n)$ and "
            "$\\Psi(w) = -\\sum_n \\{t_n \\ln y_n + (1 - t_n)\\ln(1 - y_n)\\} + \\frac{1}{2}w^2$, "
            "so $\\Psi'(w) = \\sum_n (y_n - t_n) x_n + w$.\n\n"
            "**Data.** $x = (1, 2, -1)$, $t = (1, 1, 0)$.\n\n"
            "From $w_0 = 0$: all $y_n = 0.5$.\n"
            "- $\\Psi'(0) = -0.5 - 1 - 0.5 + 0 = -2$\n")
    report = _check(text)
    assert not [s for s in report.steps if s.status == "fails"], str(report)


def test_an_html_comment_is_not_the_text_s_prose():
    """Words in an HTML comment (an editor's note, a template's hint) are no cue: here "we take
    differentials" would leave only the differential reading of d, under which the step is
    wrong; d is also the text's size, and read so the step holds."""
    step = ("Let $\\mathbf{x} \\in \\mathbb{R}^d$ and $\\mathbf{w} \\in \\mathbb{R}^3$.\n\n"
            "$$d(\\mathbf{w}^T\\mathbf{w}) = \\mathbf{w}^T d\\mathbf{w}$$\n")
    hidden = _check("<!-- here we take differentials -->\n" + step)
    assert hidden.count("fails") == 0, str(hidden)
    said = _check("Here we take differentials.\n" + step)
    assert said.first_failure is not None and said.first_failure.line == 4, str(said)



def test_what_follows_an_expression_set_to_zero_and_a_quoted_slip_are_not_claims():
    """``ℓ'(p) = 7/p − 3/(1 − p) = 0 ⇒ 7(1 − p) = 3p ⇒ p̂ = 0.7``: what follows ⇒ holds where
    the expression is 0, not for every p (checked for every p, it was a ✗ in an exam key); and
    "a common slip is $ℓ''(p) = …$" quotes a wrong answer, which is no claim of the text's."""
    text = ("Ten coin tosses give $k = 7$ heads in $n = 10$, so "
            "$\\ell(p) = 7\\log p + 3\\log(1 - p)$.\n\n"
            "Then $\\ell'(p) = \\dfrac{7}{p} - \\dfrac{3}{1-p} = 0 \\;\\Rightarrow\\; 7(1-p) = 3p "
            "\\;\\Rightarrow\\; \\hat p = 0.7$.\n\n"
            "Then $\\ell''(p) = -\\dfrac{7}{p^2} - \\dfrac{3}{(1-p)^2}$, and a common slip is "
            "$\\ell''(p) = -7/p^2 + 3/(1-p)^2$.\n")
    report = _check(text)
    assert report.count("fails") == 0, str(report)
    assert [s.status for s in report.steps if s.line == 3 and s.right.strip(" \\;") ==
            "3p"] == ["skipped"], str(report)
    assert [s.status for s in report.steps if s.line == 5] == ["holds", "skipped"], str(report)


@pytest.mark.parametrize("taken_back, then", [
    ("$$2 \\cdot 3 + 1 = 8,$$ oops, I mean $7$.", "$$3 \\cdot 3 = 9$$"),
    ("$w = (1;\\ 0) + (1;\\ 1) = (2;\\ 2)$ — ups, miało być $(2;\\ 1)$.", "$$3 \\cdot 3 = 9$$"),
    ("$0{,}62 - 0{,}35 = 0{,}37$, ops, quer dizer $0{,}27$.", "$$3 \\cdot 3 = 9$$"),
])
def test_a_formula_the_writer_takes_back_is_not_a_claim(taken_back, then):
    """"$0.62 − 0.35 = 0.37$, oops, I mean $0.27$": the writer's own slip, corrected in the
    next words, is shown, not claimed; a slip after it is still found on its line."""
    report = _check(taken_back + "\n\n" + then + "\n")
    assert report.count("fails") == 0, str(report)
    assert report.count("holds") >= 1, str(report)
    wrong = _check(taken_back + "\n\n" + then.replace("= 9", "= 10") + "\n")
    assert wrong.first_failure is not None and wrong.first_failure.line == 3, str(wrong)


def test_a_table_whose_header_row_is_values_is_not_read_by_its_columns():
    """| $β$ | 0 | 1 | 2 | over | $(3 − β)^2$ | 9 | 4 | 1 |: the header row holds values of β
    and the first column formulas; the formula is no value of β (read by columns,
    ``β = (3 − β)^2`` was a ✗ at β = 2)."""
    text = ("Here $\\beta = 2$. Grid check:\n\n"
            "| $\\beta$ | 0 | 1 | 2 |\n|---|---|---|---|\n| $(3-\\beta)^2$ | 9 | 4 | 1 |\n")
    report = _check(text)
    assert report.count("fails") == 0, str(report)


def test_a_sum_runs_over_the_entries_every_list_written_out_has():
    """g of 4 entries and x of 7 written out, the sizes guessed elsewhere from w ∈ ℝ^k: Σ_i ran
    over one entry (a ✗ on a correct file), then over seven ("component 5 of g is out of
    range"); it runs over the entries both lists have."""
    text = ("A kernel $w\\in\\mathbb{R}^k$ with dilation $d$: $y_i = \\sum_{t=0}^{k-1} w_t\\, "
            "x_{i + d t}$, and $\\partial L/\\partial w_t = \\sum_i g_i\\, x_{i+dt}$ with $g = "
            "\\partial L/\\partial y$.\n\n"
            "Take $x = (1, 2, 0, -1, 3, 1, 2)$, $w = (1, -1)$, $d = 3$, so $y_i = x_i - x_{i+3}$, "
            "and $g = (1, 2, 0, -1)$.\n\n"
            "Kernel gradients: $\\sum_i g_i x_i = 1 + 4 + 0 + 1 = 6$ and $\\sum_i g_i x_{i+3} = "
            "-1 + 6 + 0 - 2 = 3$.\n")
    report = _check(text)
    assert [s.status for s in report.steps if s.line == 5] == ["holds"] * 4, str(report)
    wrong = _check(text.replace("- 2 = 3$", "- 2 = 4$"))
    assert wrong.first_failure is not None and wrong.first_failure.line == 5, str(wrong)
    shifted = _check(text.replace("-1 + 6 + 0 - 2", "-1 + 6 + 0 - 3"))
    assert shifted.first_failure is not None and shifted.first_failure.line == 5, str(shifted)


def test_var_of_a_declared_vector_is_the_statistic_of_its_entries():
    """Var(I) of a vector I ∈ ℝ^n the text declares, with no law given: its entries' variance
    (or a random vector's, a reading that keeps a wrong formula a question), and Var written
    bare after it is Var(I) (both steps asked "what is I?" and "what is Var?")."""
    text = ("For a vector $I\\in\\mathbb{R}^n$ we use $\\bar I = \\frac1n\\sum_{k=1}^n I_k$ and "
            "$\\operatorname{Var}(I) = \\frac1n\\sum_{k=1}^n (I_k-\\bar I)^2$.\n\n"
            "Then $\\frac{\\partial \\operatorname{Var}}{\\partial I_i} = \\frac{2}{n}(I_i-\\bar I)$.\n")
    report = _check(text)
    assert [s.status for s in report.steps if s.status != "skipped" and
            s.status != "definition"] == ["holds", "holds"], str(report)
    wrong = _check(text.replace("\\frac{2}{n}(I_i", "\\frac{1}{n}(I_i"))
    assert wrong.count("fails") == 0 and wrong.steps[-1].status == "unreadable", str(wrong)


def test_a_family_member_written_with_a_number_names_what_the_text_writes():
    """λ_{2,i} of λ_{k,i} = log σ_{k,i}², k a label (1 for q, 2 for the prior): the member's
    formula is in σ_{2,i}, the name the text writes, not in one name σ_{k,i} drawn for every k
    (a ✗ before a planted line, with σ_{k,i} drawn apart from σ_{2,i})."""
    text = ("Let $\\lambda_{k,i}=\\log\\sigma_{k,i}^2$. Then $e^{-\\lambda_{2,i}} = "
            "1/\\sigma_{2,i}^2$,\n"
            "and $e^{\\lambda_{2,i}-\\lambda_{1,i}} = \\sigma_{2,i}^2/\\sigma_{1,i}^2$.\n")
    report = _check(text)
    assert [s.status for s in report.steps if s.status != "definition"] == \
        ["holds", "holds"], str(report)
    wrong = _check(text.replace("= \\sigma_{2,i}^2/", "= 2\\sigma_{2,i}^2/"))
    assert wrong.count("fails") == 0 and wrong.count("holds") == 1, str(wrong)
